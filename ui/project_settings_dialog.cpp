#include "project_settings_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

#include "lora_text.h"

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
    m_model = new QComboBox;
    m_model->addItem(tr("Studio default"), QString());
    const QString own = QString::fromStdString(project.settings.model);
    if (!own.isEmpty()) m_model->addItem(own, own);
    m_model->setCurrentIndex(own.isEmpty() ? 0 : 1);
    m_model->setToolTip(
        tr("The model this project's shots are made with (Settings lists the models)."));
    form->addRow(tr("Model"), m_model);
    m_preset = new QComboBox;
    m_preset->addItem(tr("Custom"));
    m_preset->setToolTip(tr("The canvases the loaded model is made for."));
    form->addRow(tr("Canvas preset"), m_preset);

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

    m_fit = new QComboBox;
    m_fit->addItem(tr("Crop to fill the canvas"), QStringLiteral("crop"));
    m_fit->addItem(tr("Keep whole, with bars (Wan VACE paints them)"), QStringLiteral("bars"));
    m_fit->setCurrentIndex(project.settings.imageFit == "bars" ? 1 : 0);
    m_fit->setToolTip(tr("How first and last images of another shape meet the canvas."));
    form->addRow(tr("Images"), m_fit);

    m_loras = new QLineEdit(lorasToText(project.settings.loras));
    m_loras->setPlaceholderText(tr("FILE[:STRENGTH]; ... (Wan models)"));
    m_loras->setToolTip(
        tr("LoRA files merged into a Wan model's denoiser for every shot (each shot may add "
           "its own): a path, absolute or inside the project folder, and a strength from -4 "
           "to 4 (1 when left out), separated by semicolons."));
    form->addRow(tr("LoRA files"), m_loras);
    m_lorasError = new QLabel;
    m_lorasError->setStyleSheet(QStringLiteral("color: #ff6e64"));
    m_lorasError->setWordWrap(true);
    m_lorasError->hide();
    form->addRow(m_lorasError);

    auto* note = new QLabel(tr("Applies to the takes generated from now on; one undo step."));
    note->setWordWrap(true);
    form->addRow(note);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
    connect(m_loras, &QLineEdit::textChanged, this, [this, buttons] {
        const QString error = lorasError();
        m_lorasError->setText(error);
        m_lorasError->setVisible(!error.isEmpty());
        buttons->button(QDialogButtonBox::Ok)->setEnabled(error.isEmpty());
    });
}

QString ProjectSettingsDialog::lorasError() const {
    std::vector<project::LoraUse> loras;
    QString error;
    return lorasFromText(m_loras->text(), &loras, &error) ? QString() : error;
}

void ProjectSettingsDialog::setModelChoices(const QStringList& models) {
    const QString current = m_model->currentData().toString();
    for (const QString& m : models)
        if (m_model->findData(m) < 0) m_model->addItem(m, m);
    m_model->setCurrentIndex(std::max(0, m_model->findData(current)));
}

void ProjectSettingsDialog::setCanvasPresets(const QStringList& names, const QList<QSize>& sizes) {
    while (m_preset->count() > 1) m_preset->removeItem(1);
    for (int i = 0; i < names.size() && i < sizes.size(); ++i)
        m_preset->addItem(
            tr("%1 (%2x%3)").arg(names[i]).arg(sizes[i].width()).arg(sizes[i].height()), sizes[i]);
    for (int i = 1; i < m_preset->count(); ++i)
        if (m_preset->itemData(i).toSize() == QSize(m_width->value(), m_height->value()))
            m_preset->setCurrentIndex(i);
    connect(m_preset, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index <= 0) return;
        const QSize size = m_preset->itemData(index).toSize();
        m_width->setValue(size.width());
        m_height->setValue(size.height());
    });
}

project::SetProjectInfo ProjectSettingsDialog::info() const {
    project::SetProjectInfo out;
    out.name = m_name->text().trimmed().toStdString();
    out.canvas.width = m_width->value();
    out.canvas.height = m_height->value();
    out.canvas.fps = m_fps->value();
    out.settings = m_kept;
    out.settings.model = m_model->currentData().toString().toStdString();
    out.settings.steps = m_steps->value();
    out.settings.guidance = m_guidance->value() < 0.0 ? -1.0 : m_guidance->value();
    out.settings.referenceGuidance = m_reference->value() < 0.0 ? -1.0 : m_reference->value();
    lorasFromText(m_loras->text(), &out.settings.loras, nullptr);  // unreadable: as they were
    out.settings.imageFit = m_fit->currentData().toString().toStdString();
    return out;
}

}  // namespace kinora::ui
