#include "operation_command.h"

#include "project/files.h"
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

void OperationCommand::rehomeMedia(const std::string& from, const std::string& to) {
    project::rehomeMedia(m_op, from, to);
    project::rehomeMedia(m_inverse, from, to);
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

namespace {

// One lambda per operation: a new kind of operation does not compile until it is named here.
template <class... F>
struct Overload : F... {
    using F::operator()...;
};
template <class... F>
Overload(F...) -> Overload<F...>;

}  // namespace

QString OperationCommand::describe(const project::Operation& op) {
    using namespace project;
    return std::visit(
        Overload{
            [](const AddShot& a) { return OperationCommand::tr("Add shot %1").arg(a.index + 1); },
            [](const RemoveShot& r) {
                return OperationCommand::tr("Delete shot %1").arg(r.index + 1);
            },
            [](const MoveShot& m) {
                return OperationCommand::tr("Move shot %1 to %2").arg(m.from + 1).arg(m.to + 1);
            },
            [](const EditShot& e) { return OperationCommand::tr("Edit shot %1").arg(e.index + 1); },
            [](const AddCharacter& c) {
                return OperationCommand::tr("Add character %1")
                    .arg(QString::fromStdString(c.character.name));
            },
            [](const RemoveCharacter& d) {
                return OperationCommand::tr("Delete character %1").arg(d.index + 1);
            },
            [](const RenameCharacter& n) {
                return OperationCommand::tr("Rename character to %1")
                    .arg(QString::fromStdString(n.name));
            },
            [](const EditCharacter& e) {
                return OperationCommand::tr("Edit character %1")
                    .arg(QString::fromStdString(e.character.name));
            },
            [](const SetProjectInfo&) { return OperationCommand::tr("Change project settings"); },
        },
        op);
}

}  // namespace kinora::ui
