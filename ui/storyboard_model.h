#pragma once

#include <QAbstractListModel>
#include <QHash>
#include <QStringList>

namespace kinora::ui {

class ProjectDocument;
class TakeCache;

/// @brief The project's shots as a list model for the storyboard. Reordering by drag
/// and drop becomes undoable MoveShot edits (several shots at once: one undo entry);
/// image files dropped from the desktop are handed on as filesDropped(). GUI thread only.
class StoryboardModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        ShotIdRole = Qt::UserRole + 1,
        PromptRole,
        DurationFramesRole,
        DurationTextRole,  ///< "2.1 s"
        ModeRole,          ///< core name: "text-to-video"
        ModeTextRole,      ///< translated
        ThumbnailRole,     ///< QImage of the selected take; null without one
        HasTakeRole,
        ContinuousRole,
        TakeCountRole,
        JobStateRole,  ///< "Queued", "Generating 40%"; empty when no job is on the shot
    };
    static constexpr const char* kShotMime = "application/x-kinora-shot-ids";

    StoryboardModel(ProjectDocument* document, TakeCache* takes, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    Qt::DropActions supportedDropActions() const override;
    Qt::DropActions supportedDragActions() const override;
    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QModelIndexList& indexes) const override;
    bool canDropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                         const QModelIndex& parent) const override;
    bool dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                      const QModelIndex& parent) override;

    /// @brief Moves the shots with these ids, in storyboard order, so they stand together
    /// before the shot now at `row` (rowCount(): at the end). One undo entry.
    bool moveShots(const QStringList& shotIds, int row);

    /// @brief What the queue is doing with each shot (shot id -> "Queued", "Generating
    /// 40%"); shots not named have no job. The cards show it.
    void setJobStates(const QHash<QString, QString>& states);

    /// @brief The translated name of a shot mode ("Image to video").
    static QString modeText(const QString& coreName);

signals:
    /// @brief Files dropped from outside at `row` (the studio makes image-to-video shots).
    void filesDropped(const QStringList& paths, int row);

private:
    ProjectDocument* m_document;
    TakeCache* m_takes;
    QHash<QString, QString> m_jobStates;
};

}  // namespace kinora::ui
