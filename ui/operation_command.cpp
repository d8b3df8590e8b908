#include "operation_command.h"

#include "project_document.h"

namespace kinora::ui {

namespace {
constexpr int kMergeableId = 0x4b4e;  // any fixed id: merging is decided by the key
}

OperationCommand::OperationCommand(ProjectDocument* document, project::Operation op,
                                   QString mergeKey)
    : m_document(document), m_op(std::move(op)), m_mergeKey(std::move(mergeKey)) {
    setText(describe(m_op));
}

void OperationCommand::redo() {
    m_inverse = m_document->applyNow(m_op);
}

void OperationCommand::undo() {
    m_op = m_document->applyNow(m_inverse);
}

int OperationCommand::id() const {
    return m_mergeKey.isEmpty() ? -1 : kMergeableId;
}

bool OperationCommand::mergeWith(const QUndoCommand* other) {
    const auto* o = dynamic_cast<const OperationCommand*>(other);
    if (o == nullptr || o->m_mergeKey != m_mergeKey || m_mergeKey.isEmpty()) return false;
    if (o->m_op.index() != m_op.index()) return false;
    m_op = o->m_op;  // the state after both; the first inverse still restores the start
    return true;
}

QString OperationCommand::describe(const project::Operation& op) {
    using namespace project;
    if (auto* a = std::get_if<AddShot>(&op)) return tr("Add shot %1").arg(a->index + 1);
    if (auto* r = std::get_if<RemoveShot>(&op)) return tr("Delete shot %1").arg(r->index + 1);
    if (auto* m = std::get_if<MoveShot>(&op))
        return tr("Move shot %1 to %2").arg(m->from + 1).arg(m->to + 1);
    if (auto* e = std::get_if<EditShot>(&op)) return tr("Edit shot %1").arg(e->index + 1);
    if (auto* c = std::get_if<AddCharacter>(&op))
        return tr("Add character %1").arg(QString::fromStdString(c->character.name));
    if (auto* d = std::get_if<RemoveCharacter>(&op))
        return tr("Delete character %1").arg(d->index + 1);
    if (auto* n = std::get_if<RenameCharacter>(&op))
        return tr("Rename character to %1").arg(QString::fromStdString(n->name));
    if (auto* ec = std::get_if<EditCharacter>(&op))
        return tr("Edit character %1").arg(QString::fromStdString(ec->character.name));
    return tr("Change project settings");
}

}  // namespace kinora::ui
