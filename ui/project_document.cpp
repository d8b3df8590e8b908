#include "project_document.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QUuid>

#include "operation_command.h"
#include "project/files.h"
#include "util/error.h"

namespace kinora::ui {

namespace {

QString g_autosaveFolder;  // GUI thread only, like the document

QString sidecarOf(const QString& autosaveFile) {
    return autosaveFile.left(autosaveFile.size() - int(sizeof(".kinora")) + 1) +
           QStringLiteral(".json");
}

}  // namespace

ProjectDocument::ProjectDocument(QObject* parent) : QObject(parent) {
    connect(&m_undo, &QUndoStack::cleanChanged, this, &ProjectDocument::titleChanged);
    newProject();
}

ProjectDocument::~ProjectDocument() {
    // Reached after a save or a "discard" (or a scripted run), never after a crash: the
    // scratch folder of an untitled project goes with it; the autosave stays for recovery
    // only when a crash skips this.
    dropScratchFolder();
}

QString ProjectDocument::scratchRoot() {
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) +
           QStringLiteral("/untitled");
}

void ProjectDocument::dropScratchFolder() {
    if (m_scratchFolder.isEmpty()) return;
    // Only ever a folder this class made under its own root.
    if (QFileInfo(m_scratchFolder).absolutePath() == QFileInfo(scratchRoot()).absoluteFilePath())
        QDir(m_scratchFolder).removeRecursively();
    m_scratchFolder.clear();
}

QString ProjectDocument::autosaveFolder() {
    if (!g_autosaveFolder.isEmpty()) return g_autosaveFolder;
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) +
           QStringLiteral("/autosave");
}

void ProjectDocument::setAutosaveFolder(const QString& folder) {
    g_autosaveFolder = folder;
}

QString ProjectDocument::folder() const {
    return m_path.isEmpty() ? m_scratchFolder : QFileInfo(m_path).absolutePath();
}

bool ProjectDocument::isModified() const {
    return !m_undo.isClean();
}

QString ProjectDocument::displayName() const {
    if (m_path.isEmpty()) return tr("Untitled");
    return QFileInfo(m_path).fileName();
}

void ProjectDocument::fail(const QString& message, QString* error) {
    if (error) *error = message;
    emit errorOccurred(message);
}

bool ProjectDocument::apply(const project::Operation& op, const QString& mergeKey, QString* error) {
    // Try it on a copy first: an invalid edit must leave no undo entry behind.
    try {
        project::Project trial = m_project;
        project::apply(trial, op);
    } catch (const std::exception& e) {
        fail(QString::fromStdString(e.what()), error);
        return false;
    }
    m_undo.push(new OperationCommand(this, op, mergeKey));
    return true;
}

project::Operation ProjectDocument::applyNow(const project::Operation& op) {
    project::Operation inverse = project::apply(m_project, op);
    emit changed();
    return inverse;
}

QString ProjectDocument::makeScratchFolder() const {
    const QString dir =
        scratchRoot() + QLatin1Char('/') + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QDir().mkpath(dir);
    return dir;
}

void ProjectDocument::resetTo(project::Project project, const QString& path,
                              const QString& scratch) {
    discardAutosave();
    if (scratch != m_scratchFolder) dropScratchFolder();
    m_project = std::move(project);
    m_path = path.isEmpty() ? QString() : QFileInfo(path).absoluteFilePath();
    m_scratchFolder = scratch;
    m_undo.clear();
    m_undo.setClean();
    emit documentReset();
    emit changed();
    emit titleChanged();
}

void ProjectDocument::newProject(project::Project initial) {
    resetTo(std::move(initial), {}, makeScratchFolder());
}

bool ProjectDocument::open(const QString& path, QString* error) {
    project::Project loaded;
    try {
        loaded = project::loadProject(path.toStdString());
    } catch (const std::exception& e) {
        fail(tr("Cannot open %1: %2").arg(path, QString::fromStdString(e.what())), error);
        return false;
    }
    resetTo(std::move(loaded), path, {});
    return true;
}

bool ProjectDocument::save(QString* error) {
    if (m_path.isEmpty()) {
        fail(tr("The project has no file yet: use Save As."), error);
        return false;
    }
    try {
        project::saveProject(m_project, m_path.toStdString());
    } catch (const std::exception& e) {
        fail(tr("Cannot save %1: %2").arg(m_path, QString::fromStdString(e.what())), error);
        return false;
    }
    m_undo.setClean();
    discardAutosave();
    emit titleChanged();
    return true;
}

bool ProjectDocument::saveAs(const QString& path, QString* error) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    const QString targetFolder = QFileInfo(absolute).absolutePath();
    // The project keeps its takes in a media folder named after its file, so projects
    // saved side by side never share (or collide in) one.
    const std::string from = m_project.settings.mediaFolder;
    const std::string to = project::mediaFolderFor(absolute.toStdString());
    project::Project next = m_project;
    project::rehomeMedia(next, to);
    try {
        // Media first: a project file must never point at files that are not there.
        project::copyProjectFiles(m_project, folder().toStdString(), next,
                                  targetFolder.toStdString());
        project::saveProject(next, absolute.toStdString());
    } catch (const std::exception& e) {
        fail(tr("Cannot save %1: %2").arg(absolute, QString::fromStdString(e.what())), error);
        return false;
    }
    discardAutosave();
    m_path = absolute;
    dropScratchFolder();  // its media were copied next to the project
    if (from != to) {
        m_project = std::move(next);
        rehomeHistory(&m_undo, from, to);
        emit changed();
    }
    m_undo.setClean();
    emit titleChanged();
    return true;
}

void ProjectDocument::rehomeHistory(QUndoStack* stack, const std::string& from,
                                    const std::string& to) {
    // Every entry, macros' children included, now speaks of the new folder.
    std::function<void(const QUndoCommand*)> visit = [&](const QUndoCommand* c) {
        if (auto* op = dynamic_cast<const OperationCommand*>(c))
            const_cast<OperationCommand*>(op)->rehomeMedia(from, to);
        for (int i = 0; i < c->childCount(); ++i) visit(c->child(i));
    };
    for (int i = 0; i < stack->count(); ++i) visit(stack->command(i));
}

QString ProjectDocument::autosavePath() const {
    const QString key = m_path.isEmpty() ? QStringLiteral("untitled:") + m_scratchFolder : m_path;
    const QByteArray hash =
        QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha1).toHex().left(16);
    return autosaveFolder() + QLatin1Char('/') + QString::fromLatin1(hash) +
           QStringLiteral(".kinora");
}

bool ProjectDocument::writeAutosave(QString* error) {
    if (!isModified()) return true;
    const QString file = autosavePath();
    QDir().mkpath(QFileInfo(file).absolutePath());
    try {
        project::saveProject(m_project, file.toStdString());
    } catch (const std::exception& e) {
        fail(tr("Autosave failed: %1").arg(QString::fromStdString(e.what())), error);
        return false;
    }
    QJsonObject info;
    info[QStringLiteral("project_path")] = m_path;
    info[QStringLiteral("folder")] = folder();
    info[QStringLiteral("saved_at")] = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    info[QStringLiteral("pid")] = QCoreApplication::applicationPid();
    QFile side(sidecarOf(file));
    if (!side.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        side.write(QJsonDocument(info).toJson()) < 0) {
        fail(tr("Autosave failed: cannot write %1").arg(side.fileName()), error);
        return false;
    }
    return true;
}

void ProjectDocument::discardAutosave() {
    if (m_path.isEmpty() && m_scratchFolder.isEmpty()) return;
    const QString file = autosavePath();
    QFile::remove(file);
    QFile::remove(sidecarOf(file));
}

QStringList ProjectDocument::leftoverAutosaves() {
    QStringList out;
    const QDir dir(autosaveFolder());
    for (const QFileInfo& f :
         dir.entryInfoList({QStringLiteral("*.kinora")}, QDir::Files, QDir::Time)) {
        QFile side(sidecarOf(f.absoluteFilePath()));
        if (!side.open(QIODevice::ReadOnly)) continue;
        const QJsonObject info = QJsonDocument::fromJson(side.readAll()).object();
        // An autosave of a studio that is still running is not left over.
        const qint64 pid = info.value(QStringLiteral("pid")).toInteger();
        if (pid == QCoreApplication::applicationPid()) continue;
        if (pid > 0 && QFileInfo::exists(QStringLiteral("/proc/%1").arg(pid))) {
            QFile comm(QStringLiteral("/proc/%1/comm").arg(pid));
            if (comm.open(QIODevice::ReadOnly) &&
                QString::fromLocal8Bit(comm.readAll()).trimmed() ==
                    QFileInfo(QCoreApplication::applicationFilePath()).fileName().left(15))
                continue;
        }
        out << f.absoluteFilePath();
    }
    return out;
}

bool ProjectDocument::restoreAutosave(const QString& autosaveFile, QString* error) {
    QFile side(sidecarOf(autosaveFile));
    if (!side.open(QIODevice::ReadOnly)) {
        fail(tr("Cannot restore %1: its description is missing").arg(autosaveFile), error);
        return false;
    }
    const QJsonObject info = QJsonDocument::fromJson(side.readAll()).object();
    side.close();
    project::Project restored;
    try {
        restored = project::loadProject(autosaveFile.toStdString());
    } catch (const std::exception& e) {
        fail(tr("Cannot restore %1: %2").arg(autosaveFile, QString::fromStdString(e.what())),
             error);
        return false;
    }
    const QString path = info.value(QStringLiteral("project_path")).toString();
    QString scratch;
    if (path.isEmpty()) {
        scratch = info.value(QStringLiteral("folder")).toString();
        if (scratch.isEmpty() || !QFileInfo(scratch).isDir()) scratch = makeScratchFolder();
    }
    resetTo(std::move(restored), path, scratch);
    // The restored state is not on disk at `path`: it stays modified until saved. A
    // no-op entry gives the undo stack a clean index that is not the current one.
    m_undo.push(new QUndoCommand(tr("Restore autosave")));
    QFile::remove(autosaveFile);
    QFile::remove(sidecarOf(autosaveFile));
    emit titleChanged();
    return true;
}

}  // namespace kinora::ui
