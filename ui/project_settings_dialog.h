#pragma once

#include <QDialog>

#include "project/operations.h"

class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;

namespace kinora::ui {

/// @brief Edits a project's name, canvas (size, frame rate) and generation settings
/// (steps, guidance, reference strength). The result is one SetProjectInfo, so the change
/// is a single undo step; the project's model folder and media folder are kept as they are.
class ProjectSettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit ProjectSettingsDialog(const project::Project& project, QWidget* parent = nullptr);
    /// @brief The edit the dialog's fields describe.
    project::SetProjectInfo info() const;

    QLineEdit* nameEdit() const { return m_name; }
    QSpinBox* widthBox() const { return m_width; }
    QSpinBox* heightBox() const { return m_height; }
    QSpinBox* fpsBox() const { return m_fps; }
    QSpinBox* stepsBox() const { return m_steps; }
    QDoubleSpinBox* guidanceBox() const { return m_guidance; }
    QDoubleSpinBox* referenceBox() const { return m_reference; }

private:
    project::Settings m_kept;  ///< the fields the dialog does not show
    QLineEdit* m_name;
    QSpinBox* m_width;
    QSpinBox* m_height;
    QSpinBox* m_fps;
    QSpinBox* m_steps;
    QDoubleSpinBox* m_guidance;
    QDoubleSpinBox* m_reference;
};

}  // namespace kinora::ui
