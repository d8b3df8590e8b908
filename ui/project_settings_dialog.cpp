#include "project_settings_dialog.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

namespace kinora::ui {

namespace {

// A spin box whose lowest value (-1) stands for the model's default, shown as `special`.
QDoubleSpinBox* defaultableNumber(double value, double max, double step, const QString& special,
                                  const QString& tip) {
    auto* box = new QDoubleSpinBox;
    box->setRange(-1.0, max);
    box->setSingleStep(step);
    box->setDecimals(2);
    box->setSpecialValueText(special);
    box->setValue(value < 0.0 ? -1.0 : value);
    box->setToolTip(tip);
    return box;
}

}  // namespace

ProjectSettingsDialog::ProjectSettingsDialog(const project::Project& project, QWidget* parent)
    : QDialog(parent), m_kept(project.settings) {
    setWindowTitle(tr("Project settings"));
    auto* form = new QFormLayout(this);
    m_name = new QLineEdit(QString::fromStdString(project.name));
    form->addRow(tr("Name"), m_name);

    using Limits = project::Limits;
    auto side = [&](const QString& label, int value) {  // one canvas side, in pixels
        auto* box = new QSpinBox;
        box->setRange(8, Limits::kMaxCanvas);
        box->setSingleStep(16);
        box->setSuffix(tr(" px"));
        box->setValue(value);
        box->setToolTip(
            tr("The model makes frames in multiples of its grid (16 pixels for "
               "the embedded one); takes already made keep their size."));
        form->addRow(label, box);
        return box;
    };
    m_width = side(tr("Width"), project.canvas.width);
    m_height = side(tr("Height"), project.canvas.height);
    m_fps = new QSpinBox;
    m_fps->setRange(1, Limits::kMaxFps);
    m_fps->setSuffix(tr(" fps"));
    m_fps->setValue(project.canvas.fps);
    m_fps->setToolTip(tr("Shot lengths are kept in frames: another rate changes their seconds."));
    form->addRow(tr("Frame rate"), m_fps);

    m_steps = new QSpinBox;
    m_steps->setRange(0, 1000);
    m_steps->setSpecialValueText(tr("Model default"));
    m_steps->setValue(project.settings.steps);
    m_steps->setToolTip(
        tr("Denoising steps per clip: more is slower and, up to a point, cleaner."));
    form->addRow(tr("Steps"), m_steps);
    m_guidance =
        defaultableNumber(project.settings.guidance, 50.0, 0.5, tr("Model default"),
                          tr("How strongly clips follow their prompt (classifier-free guidance)."));
    form->addRow(tr("Guidance"), m_guidance);
    m_reference = defaultableNumber(
        project.settings.referenceGuidance, 20.0, 1.0, tr("Model default"),
        tr("How much harder a shot that names one character follows the character's "
           "reference look than the model alone would: one more prediction a step."));
    form->addRow(tr("Reference strength"), m_reference);

    auto* note = new QLabel(tr("Applies to the takes generated from now on; one undo step."));
    note->setWordWrap(true);
    form->addRow(note);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
}

project::SetProjectInfo ProjectSettingsDialog::info() const {
    project::SetProjectInfo out;
    out.name = m_name->text().trimmed().toStdString();
    out.canvas.width = m_width->value();
    out.canvas.height = m_height->value();
    out.canvas.fps = m_fps->value();
    out.settings = m_kept;
    out.settings.steps = m_steps->value();
    out.settings.guidance = m_guidance->value() < 0.0 ? -1.0 : m_guidance->value();
    out.settings.referenceGuidance = m_reference->value() < 0.0 ? -1.0 : m_reference->value();
    return out;
}

}  // namespace kinora::ui
