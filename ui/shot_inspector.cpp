#include "shot_inspector.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include "lora_text.h"
#include "project_document.h"
#include "prompt_editor.h"
#include "storyboard_model.h"

namespace kinora::ui {

namespace {
const project::ShotMode kModes[] = {
    project::ShotMode::TextToVideo,   project::ShotMode::ImageToVideo,
    project::ShotMode::ExtendForward, project::ShotMode::ExtendBackward,
    project::ShotMode::Connect,       project::ShotMode::Loop};
}

ShotInspector::ShotInspector(ProjectDocument* document, QWidget* parent)
    : QWidget(parent), m_document(document) {
    auto* column = new QVBoxLayout(this);
    m_title = new QLabel;
    QFont f = m_title->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.2);
    m_title->setFont(f);
    column->addWidget(m_title);

    m_prompt = new PromptEditor;
    m_prompt->setMinimumHeight(70);
    m_prompt->setMaximumHeight(120);
    column->addWidget(m_prompt);
    m_warning = new QLabel;
    m_warning->setStyleSheet(QStringLiteral("color: #ff6e64"));
    m_warning->setWordWrap(true);
    m_warning->hide();
    column->addWidget(m_warning);

    auto* form = new QFormLayout;
    column->addLayout(form);
    m_negative = new QLineEdit;
    m_negative->setPlaceholderText(tr("What to avoid (optional)"));
    form->addRow(tr("Negative"), m_negative);
    m_loras = new QLineEdit;
    m_loras->setPlaceholderText(tr("FILE[:STRENGTH]; ... (Wan models)"));
    m_loras->setToolTip(
        tr("LoRA files for this shot, after the project's: a path and a "
           "strength from -4 to 4, separated by semicolons."));
    form->addRow(tr("LoRA files"), m_loras);

    auto* lengthRow = new QHBoxLayout;
    m_frames = new QSpinBox;
    m_frames->setRange(1, project::Limits::kMaxShotFrames);
    m_frames->setSuffix(tr(" frames"));
    m_seconds = new QLabel;
    lengthRow->addWidget(m_frames, 1);
    lengthRow->addWidget(m_seconds);
    form->addRow(tr("Length"), lengthRow);

    auto* seedRow = new QHBoxLayout;
    m_seed = new QSpinBox;
    m_seed->setRange(0, 2147483647);
    auto* dice = new QToolButton;
    dice->setText(tr("New"));
    dice->setToolTip(tr("Draw a new random seed"));
    seedRow->addWidget(m_seed, 1);
    seedRow->addWidget(dice);
    form->addRow(tr("Seed"), seedRow);

    m_mode = new QComboBox;
    for (auto m : kModes) {
        const QString core = QString::fromLatin1(project::name(m));
        m_mode->addItem(StoryboardModel::modeText(core), core);
    }
    form->addRow(tr("Mode"), m_mode);

    auto imageRow = [&](QLabel*& label, QPushButton*& choose, bool last) {
        auto* row = new QHBoxLayout;
        label = new QLabel;
        label->setMinimumWidth(60);
        choose = new QPushButton(tr("Choose..."));
        auto* clear = new QToolButton;
        clear->setText(tr("Clear"));
        row->addWidget(label, 1);
        row->addWidget(choose);
        row->addWidget(clear);
        connect(choose, &QPushButton::clicked, this, [this, last] {
            const QString path = QFileDialog::getOpenFileName(
                this, last ? tr("Last frame") : tr("First frame"), {},
                tr("Images (*.png *.jpg *.jpeg *.webp *.bmp *.tif *.tiff)"));
            if (!path.isEmpty()) emit imageChosen(m_shotId, path, last);
        });
        connect(clear, &QToolButton::clicked, this, [this, last] {
            editShot({}, [last](project::Shot& s) {
                (last ? s.inputs.lastImage : s.inputs.firstImage).clear();
            });
        });
        return row;
    };
    form->addRow(tr("First frame"), imageRow(m_firstImage, m_chooseFirst, false));
    form->addRow(tr("Last frame"), imageRow(m_lastImage, m_chooseLast, true));

    m_continuous = new QCheckBox(tr("Continues the previous shot"));
    form->addRow(QString(), m_continuous);
    m_take = new QComboBox;
    form->addRow(tr("Take"), m_take);

    m_generate = new QPushButton(tr("Generate shot"));
    m_generate->setDefault(true);
    column->addWidget(m_generate);
    column->addStretch(1);
    connectEdits(dice);
    connect(document, &ProjectDocument::changed, this, &ShotInspector::refresh);
    refresh();
}

void ShotInspector::connectEdits(QToolButton* dice) {
    connect(m_prompt, &PromptEditor::promptEdited, this, [this](const QString& text) {
        editShot(QStringLiteral("prompt:") + m_shotId,
                 [&](project::Shot& s) { s.prompt = text.toStdString(); });
    });
    connect(m_negative, &QLineEdit::textEdited, this, [this](const QString& text) {
        editShot(QStringLiteral("negative:") + m_shotId,
                 [&](project::Shot& s) { s.negativePrompt = text.toStdString(); });
    });
    // The LoRA line is read when editing ends; an unreadable one is marked and not applied.
    connect(m_loras, &QLineEdit::editingFinished, this, [this] {
        std::vector<project::LoraUse> loras;
        QString error;
        if (!lorasFromText(m_loras->text(), &loras, &error)) {
            m_loras->setStyleSheet(QStringLiteral("color: #ff6e64"));
            m_loras->setToolTip(error);
            return;
        }
        m_loras->setStyleSheet({});
        editShot(QStringLiteral("loras:") + m_shotId, [&](project::Shot& s) { s.loras = loras; });
    });
    connect(m_frames, qOverload<int>(&QSpinBox::valueChanged), this, [this](int frames) {
        editShot(QStringLiteral("duration:") + m_shotId,
                 [&](project::Shot& s) { s.duration = frames; });
    });
    connect(m_seed, qOverload<int>(&QSpinBox::valueChanged), this, [this](int seed) {
        editShot(QStringLiteral("seed:") + m_shotId,
                 [&](project::Shot& s) { s.seed = static_cast<uint64_t>(seed); });
    });
    connect(dice, &QToolButton::clicked, this,
            [this] { m_seed->setValue(int(QRandomGenerator::global()->bounded(2147483647))); });
    connect(m_mode, qOverload<int>(&QComboBox::activated), this, [this](int i) {
        editShot({}, [&](project::Shot& s) {
            s.mode = project::parseShotMode(m_mode->itemData(i).toString().toStdString());
        });
    });
    connect(m_continuous, &QCheckBox::clicked, this,
            [this](bool on) { editShot({}, [&](project::Shot& s) { s.continuous = on; }); });
    connect(m_take, qOverload<int>(&QComboBox::activated), this, [this](int i) {
        editShot({}, [&](project::Shot& s) {
            s.selectedTake = m_take->itemData(i).toString().toStdString();
        });
    });
    connect(m_generate, &QPushButton::clicked, this, [this] {
        if (!m_shotId.isEmpty()) emit generateRequested(m_shotId);
    });
}

void ShotInspector::setShot(const QString& shotId) {
    if (shotId == m_shotId) return;
    m_shotId = shotId;
    refresh();
}

int ShotInspector::shotIndex() const {
    return m_shotId.isEmpty() ? -1 : m_document->project().shotIndex(m_shotId.toStdString());
}

template <typename Edit>
void ShotInspector::editShot(const QString& key, Edit edit) {
    if (m_refreshing) return;
    const int index = shotIndex();
    if (index < 0) return;
    project::EditShot op{index, m_document->project().shots[std::size_t(index)]};
    try {
        edit(op.shot);
    } catch (const std::exception&) {
        return;
    }
    if (!m_document->apply(op, key)) refresh();  // refused: show the document's state again
}

void ShotInspector::refresh() {
    m_refreshing = true;
    const int index = shotIndex();
    const bool has = index >= 0;
    for (QWidget* w : findChildren<QWidget*>()) w->setEnabled(has);
    const auto& p = m_document->project();
    QStringList names;
    for (const auto& c : p.characters) names << QString::fromStdString(c.name);
    m_prompt->setCharacterNames(names);
    if (!has) {
        m_title->setText(tr("No shot selected"));
        m_prompt->setPromptSilently({});
        m_warning->hide();
        m_refreshing = false;
        return;
    }
    const project::Shot& s = p.shots[std::size_t(index)];
    m_title->setText(tr("Shot %1").arg(index + 1));
    m_prompt->setPromptSilently(QString::fromStdString(s.prompt));
    const QStringList unknown = m_prompt->unknownNames();
    m_warning->setVisible(!unknown.isEmpty());
    m_warning->setText(tr("Unknown character: %1. Add it in Characters or fix the name.")
                           .arg(unknown.join(QStringLiteral(", @")).prepend(QLatin1Char('@'))));
    if (m_negative->text() != QString::fromStdString(s.negativePrompt))
        m_negative->setText(QString::fromStdString(s.negativePrompt));
    if (!m_loras->hasFocus()) m_loras->setText(lorasToText(s.loras));
    m_frames->setValue(s.duration);
    m_seconds->setText(tr("%1 s at %2 fps")
                           .arg(double(s.duration) / std::max(1, p.canvas.fps), 0, 'f', 2)
                           .arg(p.canvas.fps));
    m_seed->setValue(int(s.seed % 2147483648ull));
    m_mode->setCurrentIndex(m_mode->findData(QString::fromLatin1(project::name(s.mode))));
    m_firstImage->setText(
        s.inputs.firstImage.empty() ? tr("none") : QString::fromStdString(s.inputs.firstImage));
    m_lastImage->setText(s.inputs.lastImage.empty() ? tr("none")
                                                    : QString::fromStdString(s.inputs.lastImage));
    m_continuous->setChecked(s.continuous);
    m_take->clear();
    if (s.takes.empty()) m_take->addItem(tr("none yet"), QString());
    for (auto it = s.takes.rbegin(); it != s.takes.rend(); ++it)
        m_take->addItem(tr("%1 (seed %2, %3)")
                            .arg(QString::fromStdString(it->id))
                            .arg(it->seed)
                            .arg(QString::fromStdString(it->createdAt)),
                        QString::fromStdString(it->id));
    m_take->setCurrentIndex(std::max(0, m_take->findData(QString::fromStdString(s.selectedTake))));
    m_refreshing = false;
}

}  // namespace kinora::ui
