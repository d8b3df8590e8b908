#pragma once

#include <QHash>
#include <QImage>
#include <QTimer>
#include <QWidget>

class QLabel;
class QScrollArea;
class QSlider;
class QToolButton;

namespace kinora::ui {

class ProjectDocument;
class TakeCache;

/// @brief The cut as a strip: each shot a clip as wide as its duration, thumbnails of its
/// selected take, a playhead. Click or drag to scrub, Space to play and pause, Ctrl+wheel
/// to zoom. Time is in frames of the project's rate (exact). GUI thread only.
class TimelineView : public QWidget {
    Q_OBJECT
public:
    TimelineView(ProjectDocument* document, TakeCache* takes, QWidget* parent = nullptr);

    int totalFrames() const;
    int playheadFrame() const { return m_playhead; }
    void setPlayheadFrame(int frame);
    /// @brief Pixels per frame.
    double zoom() const { return m_zoom; }
    void setZoom(double pixelsPerFrame);
    bool isPlaying() const { return m_timer.isActive(); }
    void play();
    void pause();
    void togglePlay();
    /// @brief L as in editors: plays forward, each further press faster (up to 4x).
    void playForward();
    /// @brief J: plays backward, each further press faster (up to 4x).
    void playBackward();
    /// @brief Frames the playhead moves per frame of time while playing: 1 normal, -1
    /// backward, +-2 / +-4 faster.
    int rate() const { return m_rate; }
    /// @brief The shot under `frame` and the frame within it; false past the end.
    bool locate(int frame, int* shot, int* frameInShot) const;
    /// @brief The selected take's frame at the playhead (null when the shot has no take).
    QImage frameAtPlayhead() const;
    QRect shotRect(int index) const;
    /// @brief What the queue is doing with each shot (shot id -> "Queued", "Generating
    /// 40%"): such clips are outlined and say so.
    void setJobStates(const QHash<QString, QString>& states);
    QString jobStateOf(const QString& shotId) const { return m_jobStates.value(shotId); }
    int frameAtX(int x) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void playheadMoved(int frame);
    void playingChanged(bool playing);
    void shotClicked(int index);
    void zoomChanged(double pixelsPerFrame);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void relayout();
    void startTimer();
    ProjectDocument* m_document;
    TakeCache* m_takes;
    int m_playhead = 0;
    double m_zoom = 6.0;
    int m_rate = 1;
    QHash<QString, QString> m_jobStates;
    QTimer m_timer;
};

/// @brief The timeline with its transport: play/pause, time, zoom slider, in a scroll area.
class TimelinePanel : public QWidget {
    Q_OBJECT
public:
    TimelinePanel(ProjectDocument* document, TakeCache* takes, QWidget* parent = nullptr);
    TimelineView* view() const { return m_view; }

private:
    void updateTime();
    ProjectDocument* m_document;
    TimelineView* m_view;
    QScrollArea* m_scroll;
    QToolButton* m_play;
    QLabel* m_time;
    QSlider* m_zoom;
};

}  // namespace kinora::ui
