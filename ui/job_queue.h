#pragma once

#include <QString>
#include <QVector>
#include <QWidget>

class QListWidget;
class QPushButton;

namespace kinora::ui {

class ProjectDocument;

/// @brief "0:07", "35:07", "1:02:03": a duration as editors show it (seconds rounded up,
/// never negative).
QString formatDuration(double seconds);

/// @brief One shot's generation as the queue shows it: waiting, running (with its step,
/// window and time left), or ended (done, failed with why, cancelled). The studio keeps
/// one list of these; the queue panel, the step line, the status line and the
/// storyboard's cards are all drawn from it.
struct QueueEntry {
    enum class State { Queued, Running, Done, Failed, Cancelled };
    quint64 key = 0;  ///< unique in the session
    QString shotId;
    State state = State::Queued;
    int step = 0, totalSteps = 0;
    int window = 0, windows = 0;  ///< 1-based window of a long shot, and how many
    double secondsLeft = -1.0;    ///< < 0: not known yet
    double seconds = 0.0;         ///< how long it ran (ended jobs)
    int frames = 0;
    QString detail;  ///< the take made, or why it failed
    bool ended() const { return state != State::Queued && state != State::Running; }
};

/// @brief The job queue: every generation of this session, newest last, each with its
/// state and progress; Cancel stops the selected one (a queued job never starts), Clear
/// drops the ended ones. Shots are named by their current number.
class QueuePanel : public QWidget {
    Q_OBJECT
public:
    explicit QueuePanel(ProjectDocument* document, QWidget* parent = nullptr);
    void setEntries(const QVector<QueueEntry>& entries);
    /// @brief A line of the list, as shown ("Shot 2 - running: step 3 / 12, 0:07 left").
    QString lineText(int row) const;
    int lineCount() const;
    /// @brief The entry key of a line.
    quint64 keyAt(int row) const;
    /// @brief What a job's state reads as on its line and its card.
    static QString stateText(const QueueEntry& entry);

signals:
    void cancelRequested(quint64 key);
    void clearRequested();

private:
    void redraw();
    ProjectDocument* m_document;
    QVector<QueueEntry> m_entries;
    QListWidget* m_list;
    QPushButton* m_cancel;
    QPushButton* m_clear;
};

}  // namespace kinora::ui
