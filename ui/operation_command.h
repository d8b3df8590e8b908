#pragma once

#include <QCoreApplication>
#include <QString>
#include <QUndoCommand>

#include "project/operations.h"

namespace kinora::ui {

class ProjectDocument;

/// @brief One user action as an undo entry: a core operation and its exact inverse.
/// redo() applies the operation (keeping the inverse it returns), undo() applies the
/// inverse (keeping the inverse of that, which redoes the very same change, generated ids
/// included). Consecutive commands with the same non-empty merge key merge: the entry
/// keeps the first inverse and the latest operation.
class OperationCommand : public QUndoCommand {
    Q_DECLARE_TR_FUNCTIONS(OperationCommand)
public:
    OperationCommand(ProjectDocument* document, project::Operation op, QString mergeKey);

    void redo() override;
    void undo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand* other) override;

    /// @brief Renames the media folder in the edit both ways (see project::rehomeMedia):
    /// after "Save As" moves the takes, undo and redo refer to where they are now.
    void rehomeMedia(const std::string& from, const std::string& to);

    /// @brief The undo menu's words for `op`, translated ("Move shot 2 to 4").
    static QString describe(const project::Operation& op);

private:
    ProjectDocument* m_document;
    project::Operation m_op;
    project::Operation m_inverse;
    QString m_mergeKey;
};

}  // namespace kinora::ui
