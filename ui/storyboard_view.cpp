#include "storyboard_view.h"

#include <QDragEnterEvent>
#include <QMimeData>
#include <QPainter>
#include <QPainterPath>

#include "storyboard_model.h"

namespace kinora::ui {

void ShotCardDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                             const QModelIndex& index) const {
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRect card = option.rect.adjusted(6, 6, -6, -6);
    const bool selected = option.state & QStyle::State_Selected;
    const QPalette& pal = option.palette;
    QPainterPath path;
    path.addRoundedRect(card, 8, 8);
    painter->fillPath(path, selected ? pal.color(QPalette::Highlight).darker(160)
                                     : pal.color(QPalette::Base).lighter(135));
    painter->setPen(QPen(selected ? pal.color(QPalette::Highlight) : pal.color(QPalette::Mid),
                         selected ? 2 : 1));
    painter->drawPath(path);

    // Thumbnail: 16:9 box, the take scaled without smoothing (small canvases stay crisp).
    const QRect thumbBox(card.left() + 8, card.top() + 8, card.width() - 16, 84);
    painter->fillRect(thumbBox, QColor(12, 12, 14));
    const QImage thumb = index.data(StoryboardModel::ThumbnailRole).value<QImage>();
    if (!thumb.isNull()) {
        QSize s = thumb.size().scaled(thumbBox.size(), Qt::KeepAspectRatio);
        QRect r(QPoint(0, 0), s);
        r.moveCenter(thumbBox.center());
        painter->setRenderHint(QPainter::SmoothPixmapTransform, false);
        painter->drawImage(r, thumb);
    } else {
        painter->setPen(pal.color(QPalette::PlaceholderText));
        painter->drawText(thumbBox, Qt::AlignCenter, tr("not generated"));
    }
    // A job on this shot: a badge over the picture.
    const QString job = index.data(StoryboardModel::JobStateRole).toString();
    if (!job.isEmpty()) {
        const QFontMetrics fm(option.font);
        QRect badge(thumbBox.left() + 4, thumbBox.top() + 4,
                    std::min(thumbBox.width() - 8, fm.horizontalAdvance(job) + 12),
                    fm.height() + 4);
        painter->setPen(Qt::NoPen);
        painter->setBrush(pal.color(QPalette::Highlight));
        painter->drawRoundedRect(badge, 4, 4);
        painter->setPen(pal.color(QPalette::HighlightedText));
        painter->setFont(option.font);
        painter->drawText(badge, Qt::AlignCenter,
                          fm.elidedText(job, Qt::ElideRight, badge.width() - 8));
    }

    painter->setPen(pal.color(QPalette::Text));
    QFont bold = option.font;
    bold.setBold(true);
    painter->setFont(bold);
    const QRect header(card.left() + 8, thumbBox.bottom() + 4, card.width() - 16, 18);
    QString title = tr("Shot %1").arg(index.row() + 1);
    if (index.data(StoryboardModel::ContinuousRole).toBool()) title += QStringLiteral(" \u21aa");
    painter->drawText(header, Qt::AlignLeft | Qt::AlignVCenter, title);
    painter->setFont(option.font);
    painter->drawText(header, Qt::AlignRight | Qt::AlignVCenter,
                      index.data(StoryboardModel::DurationTextRole).toString());

    const QRect modeRect(card.left() + 8, header.bottom() + 1, card.width() - 16, 16);
    painter->setPen(pal.color(QPalette::Link));
    painter->drawText(modeRect, Qt::AlignLeft | Qt::AlignVCenter,
                      index.data(StoryboardModel::ModeTextRole).toString());

    const QRect promptRect(card.left() + 8, modeRect.bottom() + 1, card.width() - 16,
                           card.bottom() - modeRect.bottom() - 4);
    painter->setPen(pal.color(QPalette::Text).darker(115));
    QString prompt = index.data(StoryboardModel::PromptRole).toString();
    if (prompt.isEmpty()) prompt = tr("(no prompt)");
    painter->drawText(
        promptRect, Qt::TextWordWrap | Qt::AlignTop | Qt::AlignLeft,
        option.fontMetrics.elidedText(prompt, Qt::ElideRight, promptRect.width() * 2 - 20));
    painter->restore();
}

QSize ShotCardDelegate::sizeHint(const QStyleOptionViewItem&, const QModelIndex&) const {
    return {kCardWidth, kCardHeight};
}

StoryboardView::StoryboardView(QWidget* parent) : QListView(parent) {
    setViewMode(QListView::IconMode);
    setFlow(QListView::LeftToRight);
    // A film strip: shots in one row, in cut order, scrolled sideways.
    setWrapping(false);
    setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setResizeMode(QListView::Adjust);
    setMovement(QListView::Static);
    setUniformItemSizes(true);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setDragEnabled(true);
    setAcceptDrops(true);
    setDropIndicatorShown(true);
    setDragDropMode(QAbstractItemView::DragDrop);
    viewport()->setAcceptDrops(true);  // drag events go to the viewport, not the view
    setDefaultDropAction(Qt::MoveAction);
    setSpacing(2);
    setItemDelegate(new ShotCardDelegate(this));
    setMinimumHeight(ShotCardDelegate::kCardHeight + 24);
}

void StoryboardView::setStoryboardModel(StoryboardModel* model) {
    m_model = model;
    setModel(model);
    // The document changes before the model resets, so the selection is kept by shot id
    // as it changes, not read at the reset (rows may already mean other shots then).
    connect(model, &QAbstractItemModel::modelAboutToBeReset, this, [this] { m_resetting = true; });
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        m_resetting = false;
        selectShotIds(m_keptSelection);
    });
    connect(selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        if (m_resetting) return;
        m_keptSelection = selectedShotIds();
        emit selectionChangedByUser();
    });
}

QStringList StoryboardView::selectedShotIds() const {
    if (!selectionModel()) return {};
    QModelIndexList rows = selectionModel()->selectedIndexes();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    QStringList ids;
    for (const auto& i : rows) ids << i.data(StoryboardModel::ShotIdRole).toString();
    return ids;
}

void StoryboardView::selectShotIds(const QStringList& ids) {
    if (!m_model) return;
    QItemSelection selection;
    QModelIndex current;
    for (int r = 0; r < m_model->rowCount(); ++r) {
        const QModelIndex i = m_model->index(r);
        if (ids.contains(i.data(StoryboardModel::ShotIdRole).toString())) {
            selection.select(i, i);
            if (!current.isValid()) current = i;
        }
    }
    selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
    if (current.isValid())
        selectionModel()->setCurrentIndex(current, QItemSelectionModel::NoUpdate);
}

int StoryboardView::dropRowAt(const QPoint& pos) const {
    const QModelIndex i = indexAt(pos);
    if (!i.isValid()) return m_model ? m_model->rowCount() : 0;
    const QRect r = visualRect(i);
    return pos.x() > r.center().x() ? i.row() + 1 : i.row();
}

void StoryboardView::dragEnterEvent(QDragEnterEvent* event) {
    if (m_model && m_model->canDropMimeData(event->mimeData(), event->dropAction(), -1, 0, {}))
        event->acceptProposedAction();
    else
        event->ignore();
}

void StoryboardView::dragMoveEvent(QDragMoveEvent* event) {
    QListView::dragMoveEvent(event);
    if (m_model && m_model->canDropMimeData(event->mimeData(), event->dropAction(), -1, 0, {}))
        event->acceptProposedAction();
}

void StoryboardView::dropEvent(QDropEvent* event) {
    if (!m_model) return;
    const int row = dropRowAt(event->position().toPoint());
    // The model makes the edit; the drag source must not remove anything afterwards, so
    // the drop reports a copy.
    m_model->dropMimeData(event->mimeData(), Qt::CopyAction, row, 0, {});
    event->setDropAction(Qt::CopyAction);
    event->accept();
}

}  // namespace kinora::ui
