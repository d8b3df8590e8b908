#pragma once

#include <QDir>
#include <QFile>
#include <QString>
#include <QTemporaryDir>

namespace kinora::test {

/// @brief Copies of the three-shot sample (KINORA_SAMPLES_DIR), each in a folder of its own
/// under one temporary folder, so takes written next to a copy never meet another's.
class SampleCopies {
public:
    QString next() {
        const QString folder = m_dir.filePath(QStringLiteral("p%1").arg(m_count++));
        QDir().mkpath(folder);
        const QString path = folder + QStringLiteral("/three-friends.kinora");
        QFile::copy(QStringLiteral(KINORA_SAMPLES_DIR "/three-friends.kinora"), path);
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        return path;
    }

private:
    QTemporaryDir m_dir;
    int m_count = 0;
};

}  // namespace kinora::test
