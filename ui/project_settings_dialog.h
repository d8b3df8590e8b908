#pragma once

#include <QDialog>
#include <QList>
#include <QSize>
#include <QStringList>

#include "project/operations.h"

class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QLabel;
class QSpinBox;

namespace kinora::ui {

/// @brief Edits a project's name, model, canvas (size, frame rate; the model's presets
/// offered) and generation settings (steps, guidance, reference strength). The result is
/// one SetProjectInfo, so the change is a single undo step; the media folder is kept.
class ProjectSettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit ProjectSettingsDialog(const project::Project& project, QWidget* parent = nullptr);
    /// @brief The models a project may name (the studio's list); the project's own stays
    /// offered even when the list lacks it.
    void setModelChoices(const QStringList& models);
    /// @brief The loaded model's canvases: choosing one sets width and height.
    void setCanvasPresets(const QStringList& names, const QList<QSize>& sizes);
    /// @brief The edit the dialog's fields describe.
    project::SetProjectInfo info() const;

    QLineEdit* nameEdit() const { return m_name; }
    QComboBox* modelBox() const { return m_model; }
    QComboBox* presetBox() const { return m_preset; }
    QSpinBox* widthBox() const { return m_width; }
    QSpinBox* heightBox() const { return m_height; }
    QSpinBox* fpsBox() const { return m_fps; }
    QSpinBox* stepsBox() const { return m_steps; }
    QDoubleSpinBox* guidanceBox() const { return m_guidance; }
    QDoubleSpinBox* referenceBox() const { return m_reference; }
    QLineEdit* lorasEdit() const { return m_loras; }
    QComboBox* fitBox() const { return m_fit; }
    /// @brief Why the LoRA line cannot be read (empty when it can); OK stays disabled.
    QString lorasError() const;

private:
    project::Settings m_kept;  ///< the fields the dialog does not show
    QLineEdit* m_name;
    QComboBox* m_model;
    QComboBox* m_preset;
    QSpinBox* m_width;
    QSpinBox* m_height;
    QSpinBox* m_fps;
    QSpinBox* m_steps;
    QDoubleSpinBox* m_guidance;
    QDoubleSpinBox* m_reference;
    QLineEdit* m_loras;
    QComboBox* m_fit;
    QLabel* m_lorasError;
};

}  // namespace kinora::ui
