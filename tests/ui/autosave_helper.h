#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QFile>
#include <QString>

namespace kinora::test {

/// @brief Makes an autosave of this process look like one a crashed studio left behind:
/// its description names another (dead) process. False when it cannot be rewritten.
inline bool orphanAutosave(const QString& autosaveFile) {
    QFile f(autosaveFile.chopped(int(sizeof(".kinora")) - 1) + QStringLiteral(".json"));
    if (!f.open(QIODevice::ReadOnly)) return false;
    QByteArray json = f.readAll();
    f.close();
    json.replace(QByteArray::number(QCoreApplication::applicationPid()), "999999999");
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) return false;
    return f.write(json) == json.size();
}

}  // namespace kinora::test
