#pragma once

#include <QHash>
#include <QImage>
#include <QString>
#include <QVector>

#include "project/project.h"

namespace kinora::ui {

/// @brief Frames of takes, read once from the project folder and kept as QImages (the
/// embedded model's clips are small: a minute at 64x64 is about 6 MB). GUI thread only.
class TakeCache {
public:
    /// @brief Every frame of `take` (its lossless PNG sequence, or its video file); empty
    /// when the files cannot be read, with the reason in `error`.
    const QVector<QImage>& frames(const QString& projectFolder, const project::Take& take,
                                  QString* error = nullptr);
    /// @brief The take's middle frame (a storyboard card's thumbnail); null when unreadable.
    QImage thumbnail(const QString& projectFolder, const project::Take& take);
    /// @brief Puts frames that are already in memory (a take just generated).
    void insert(const QString& projectFolder, const project::Take& take, QVector<QImage> frames);
    void clear() { m_frames.clear(); }

private:
    static QString key(const QString& projectFolder, const project::Take& take);
    QHash<QString, QVector<QImage>> m_frames;
    QHash<QString, QString> m_errors;
};

}  // namespace kinora::ui
