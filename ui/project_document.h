#pragma once

#include <QObject>
#include <QString>
#include <QUndoStack>

#include <functional>

#include "project/operations.h"
#include "project/project.h"

namespace kinora::ui {

/// @brief The open project as the studio edits it: the core document, where it lives,
/// and its undo stack. Every edit is a core `project::Operation` pushed as one undo
/// command (its exact inverse is what undo applies). GUI thread only.
///
/// An untitled project lives in a scratch folder of its own, so takes and dropped images
/// have a home before it is first saved; "Save As" copies its media to the new folder.
class ProjectDocument : public QObject {
    Q_OBJECT
public:
    explicit ProjectDocument(QObject* parent = nullptr);
    ~ProjectDocument() override;

    const project::Project& project() const { return m_project; }
    /// @brief The .kinora file, empty while untitled.
    QString path() const { return m_path; }
    /// @brief Where the project's relative paths resolve (its folder, or the scratch one).
    QString folder() const;
    bool isUntitled() const { return m_path.isEmpty(); }
    bool isModified() const;
    QString displayName() const;
    QUndoStack* undoStack() { return &m_undo; }

    /// @brief Applies `op` as one undo command. Returns false, leaving the project as it
    /// was, when the edit is invalid; the reason goes to `error` and errorOccurred().
    /// `mergeKey`: consecutive edits with the same non-empty key become one undo entry
    /// (typing in a prompt, dragging a slider).
    bool apply(const project::Operation& op, const QString& mergeKey = {},
               QString* error = nullptr);

    /// @brief Replaces the document by a new untitled project, `initial` (undo history
    /// cleared, not modified).
    void newProject(project::Project initial = {});
    /// @brief Opens a .kinora file. On failure the open document stays as it was.
    bool open(const QString& path, QString* error = nullptr);
    /// @brief Saves to path() (atomically). False when untitled or on failure.
    bool save(QString* error = nullptr);
    /// @brief Saves to `path`, its takes in the media folder named after the file
    /// ("film.kinora": "film.media"), copied there when that differs (the undo history
    /// follows). The files at the old place are left as they are.
    bool saveAs(const QString& path, QString* error = nullptr);

    /// @brief Where the autosave of this document goes (per project file, or per scratch
    /// folder while untitled), beside a small `.json` that says where the project lives.
    QString autosavePath() const;
    /// @brief Writes the autosave (only when there are unsaved changes). False on failure.
    bool writeAutosave(QString* error = nullptr);
    /// @brief Deletes this document's autosave (after a save, or on a clean close).
    void discardAutosave();
    /// @brief Autosaves left behind by a session that did not close cleanly.
    static QStringList leftoverAutosaves();
    /// @brief Opens a leftover autosave: the project as it was, modified, at the path it had.
    bool restoreAutosave(const QString& autosaveFile, QString* error = nullptr);

    /// @brief Folder that holds autosaves; tests point it at a temporary folder.
    static QString autosaveFolder();
    static void setAutosaveFolder(const QString& folder);

signals:
    /// @brief The project changed (an edit, undo, redo). The whole state is project().
    void changed();
    /// @brief Another document replaced the open one (new, open, restore).
    void documentReset();
    /// @brief Path, untitled or modified state changed (window title).
    void titleChanged();
    void errorOccurred(const QString& message);

private:
    friend class OperationCommand;
    /// Applies an operation directly (the undo command's redo/undo). Returns the inverse.
    project::Operation applyNow(const project::Operation& op);
    void resetTo(project::Project project, const QString& path, const QString& folder);
    QString makeScratchFolder() const;
    static void rehomeHistory(QUndoStack* stack, const std::string& from, const std::string& to);
    void dropScratchFolder();
    static QString scratchRoot();
    void fail(const QString& message, QString* error);

    project::Project m_project;
    QString m_path;
    QString m_scratchFolder;  ///< set while untitled
    QUndoStack m_undo;
};

}  // namespace kinora::ui
