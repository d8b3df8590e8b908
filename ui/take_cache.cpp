#include "take_cache.h"

#include "image_convert.h"
#include "project/render.h"

namespace kinora::ui {

QString TakeCache::key(const QString& projectFolder, const project::Take& take) {
    return projectFolder + QLatin1Char('|') + QString::fromStdString(take.frames) +
           QLatin1Char('|') + QString::fromStdString(take.file);
}

const QVector<QImage>& TakeCache::frames(const QString& projectFolder, const project::Take& take,
                                         QString* error) {
    const QString k = key(projectFolder, take);
    auto it = m_frames.find(k);
    if (it == m_frames.end()) {
        QVector<QImage> frames;
        try {
            const Clip clip = project::readTake(take, projectFolder.toStdString());
            frames.reserve(static_cast<int>(clip.frames.size()));
            for (const auto& f : clip.frames) frames.push_back(toQImage(f));
            m_errors.remove(k);
        } catch (const std::exception& e) {
            m_errors.insert(k, QString::fromStdString(e.what()));
        }
        it = m_frames.insert(k, frames);
    }
    if (error) *error = m_errors.value(k);
    return *it;
}

QImage TakeCache::thumbnail(const QString& projectFolder, const project::Take& take) {
    const auto& f = frames(projectFolder, take);
    return f.isEmpty() ? QImage() : f[f.size() / 2];
}

void TakeCache::insert(const QString& projectFolder, const project::Take& take,
                       QVector<QImage> frames) {
    const QString k = key(projectFolder, take);
    m_errors.remove(k);
    m_frames.insert(k, std::move(frames));
}

}  // namespace kinora::ui
