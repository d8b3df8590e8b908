#pragma once

#include <QListView>
#include <QStyledItemDelegate>

namespace kinora::ui {

class StoryboardModel;

/// @brief Paints one shot as a card: the selected take's thumbnail (or a placeholder),
/// the shot number, mode, duration and the start of the prompt.
class ShotCardDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    static constexpr int kCardWidth = 168;
    static constexpr int kCardHeight = 176;
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

/// @brief The storyboard: shot cards left to right in one strip; multi-select (Ctrl/Shift),
/// drag to reorder, image files dropped from the desktop become image-to-video shots.
/// Keeps the selection (by shot id) when the document changes. GUI thread only.
class StoryboardView : public QListView {
    Q_OBJECT
public:
    explicit StoryboardView(QWidget* parent = nullptr);
    void setStoryboardModel(StoryboardModel* model);

    /// @brief Ids of the selected shots, in storyboard order.
    QStringList selectedShotIds() const;
    void selectShotIds(const QStringList& ids);
    /// @brief Row before which a drop at `pos` (viewport coordinates) inserts.
    int dropRowAt(const QPoint& pos) const;

signals:
    void selectionChangedByUser();

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    StoryboardModel* m_model = nullptr;
    QStringList m_keptSelection;
    bool m_resetting = false;
};

}  // namespace kinora::ui
