#include "storyboard_model.h"

#include <QLocale>

#include <QMimeData>
#include <QUrl>

#include "project_document.h"
#include "take_cache.h"

namespace kinora::ui {

StoryboardModel::StoryboardModel(ProjectDocument* document, TakeCache* takes, QObject* parent)
    : QAbstractListModel(parent), m_document(document), m_takes(takes) {
    // The document is the truth; any change (edit, undo, new file) rebuilds the rows.
    // Views keep their selection by shot id across the reset.
    connect(document, &ProjectDocument::changed, this, [this] {
        beginResetModel();
        endResetModel();
    });
}

int StoryboardModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_document->project().shots.size());
}

void StoryboardModel::setJobStates(const QHash<QString, QString>& states) {
    if (states == m_jobStates) return;
    m_jobStates = states;
    if (rowCount() > 0) emit dataChanged(index(0), index(rowCount() - 1), {JobStateRole});
}

QString StoryboardModel::modeText(const QString& coreName) {
    if (coreName == QLatin1String("text-to-video")) return tr("Text to video");
    if (coreName == QLatin1String("image-to-video")) return tr("Image to video");
    if (coreName == QLatin1String("extend-forward")) return tr("Extend forward");
    if (coreName == QLatin1String("extend-backward")) return tr("Extend backward");
    if (coreName == QLatin1String("connect")) return tr("Connect");
    if (coreName == QLatin1String("loop")) return tr("Loop");
    return coreName;
}

QVariant StoryboardModel::data(const QModelIndex& index, int role) const {
    const auto& p = m_document->project();
    if (!index.isValid() || index.row() < 0 || index.row() >= static_cast<int>(p.shots.size()))
        return {};
    const auto& shot = p.shots[static_cast<std::size_t>(index.row())];
    switch (role) {
        case Qt::DisplayRole:
        case PromptRole:
            return QString::fromStdString(shot.prompt);
        case Qt::ToolTipRole:
            return tr("Shot %1: %2").arg(index.row() + 1).arg(QString::fromStdString(shot.prompt));
        case ShotIdRole:
            return QString::fromStdString(shot.id);
        case DurationFramesRole:
            return shot.duration;
        case DurationTextRole:
            return tr("%1 s").arg(
                QLocale().toString(double(shot.duration) / std::max(1, p.canvas.fps), 'f', 1));
        case ModeRole:
            return QString::fromLatin1(project::name(shot.mode));
        case ModeTextRole:
            return modeText(QString::fromLatin1(project::name(shot.mode)));
        case ThumbnailRole: {
            const project::Take* take = shot.selected();
            return take ? m_takes->thumbnail(m_document->folder(), *take) : QImage();
        }
        case HasTakeRole:
            return shot.selected() != nullptr;
        case ContinuousRole:
            return shot.continuous;
        case JobStateRole:
            return m_jobStates.value(QString::fromStdString(shot.id));
        case TakeCountRole:
            return static_cast<int>(shot.takes.size());
        default:
            return {};
    }
}

Qt::ItemFlags StoryboardModel::flags(const QModelIndex& index) const {
    if (!index.isValid()) return Qt::ItemIsDropEnabled;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled;
}

Qt::DropActions StoryboardModel::supportedDropActions() const {
    return Qt::MoveAction | Qt::CopyAction;
}

Qt::DropActions StoryboardModel::supportedDragActions() const {
    return Qt::MoveAction;
}

QStringList StoryboardModel::mimeTypes() const {
    return {QString::fromLatin1(kShotMime), QStringLiteral("text/uri-list")};
}

QMimeData* StoryboardModel::mimeData(const QModelIndexList& indexes) const {
    QModelIndexList sorted = indexes;
    std::sort(sorted.begin(), sorted.end(),
              [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    QStringList ids;
    for (const auto& i : sorted) ids << data(i, ShotIdRole).toString();
    auto* mime = new QMimeData;
    mime->setData(QString::fromLatin1(kShotMime), ids.join(QLatin1Char('\n')).toUtf8());
    return mime;
}

bool StoryboardModel::canDropMimeData(const QMimeData* data, Qt::DropAction, int, int,
                                      const QModelIndex&) const {
    return data && (data->hasFormat(QString::fromLatin1(kShotMime)) || data->hasUrls());
}

bool StoryboardModel::dropMimeData(const QMimeData* data, Qt::DropAction action, int row,
                                   int column, const QModelIndex& parent) {
    if (!canDropMimeData(data, action, row, column, parent)) return false;
    // Dropped onto a card (not between two): in front of it.
    if (row < 0) row = parent.isValid() ? parent.row() : rowCount();
    if (data->hasFormat(QString::fromLatin1(kShotMime))) {
        const QStringList ids = QString::fromUtf8(data->data(QString::fromLatin1(kShotMime)))
                                    .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        moveShots(ids, row);
        // The move is done here; returning false stops the view from removing the rows.
        return false;
    }
    QStringList paths;
    for (const QUrl& url : data->urls())
        paths << (url.isLocalFile() ? url.toLocalFile() : url.toString());
    if (paths.isEmpty()) return false;
    emit filesDropped(paths, row);
    return true;
}

bool StoryboardModel::moveShots(const QStringList& shotIds, int row) {
    const auto& shots = m_document->project().shots;
    const int n = static_cast<int>(shots.size());
    row = std::clamp(row, 0, n);
    std::vector<std::string> moved, rest, finalOrder;
    int insertAt = 0;
    for (int i = 0; i < n; ++i) {
        const std::string& id = shots[static_cast<std::size_t>(i)].id;
        if (shotIds.contains(QString::fromStdString(id))) {
            moved.push_back(id);
        } else {
            rest.push_back(id);
            if (i < row) ++insertAt;
        }
    }
    if (moved.empty()) return false;
    finalOrder.assign(rest.begin(), rest.begin() + insertAt);
    finalOrder.insert(finalOrder.end(), moved.begin(), moved.end());
    finalOrder.insert(finalOrder.end(), rest.begin() + insertAt, rest.end());
    // Place each shot of the final order in turn: every move leaves the prefix in place.
    std::vector<project::MoveShot> ops;
    std::vector<std::string> current;
    for (const auto& s : shots) current.push_back(s.id);
    for (int pos = 0; pos < n; ++pos) {
        const auto it = std::find(current.begin(), current.end(), finalOrder[std::size_t(pos)]);
        const int from = static_cast<int>(it - current.begin());
        if (from == pos) continue;
        ops.push_back({from, pos});
        const std::string id = *it;
        current.erase(it);
        current.insert(current.begin() + pos, id);
    }
    if (ops.empty()) return true;
    auto* undo = m_document->undoStack();
    if (ops.size() > 1)
        undo->beginMacro(moved.size() == 1 ? tr("Move shot")
                                           : tr("Move %n shots", nullptr, int(moved.size())));
    bool ok = true;
    for (const auto& op : ops) ok = m_document->apply(op) && ok;
    if (ops.size() > 1) undo->endMacro();
    return ok;
}

}  // namespace kinora::ui
