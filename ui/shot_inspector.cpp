#include "shot_inspector.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

#include "lora_text.h"
#include "project/mentions.h"
#include "project/render.h"
#include "project_document.h"
#include "prompt_editor.h"
#include "storyboard_model.h"
#include "take_cache.h"

namespace kinora::ui {

namespace {
const project::ShotMode kModes[] = {
    project::ShotMode::TextToVideo,   project::ShotMode::ImageToVideo,
    project::ShotMode::ExtendForward, project::ShotMode::ExtendBackward,
    project::ShotMode::Connect,       project::ShotMode::Loop};
}

ShotInspector::ShotInspector(ProjectDocument* document, TakeCache* takes, QWidget* parent)
    : QWidget(parent), m_document(document), m_takes(takes) {
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
    m_seedLock = new QCheckBox(tr("Lock"));
    m_seedLock->setToolTip(
        tr("Locked: generating again makes the same take. Unlocked: each new take of a shot "
           "that has one is a variation with a new seed."));
    seedRow->addWidget(m_seed, 1);
    seedRow->addWidget(dice);
    seedRow->addWidget(m_seedLock);
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
        // A long file name never widens the panel (the tooltip has it whole).
        label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
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
    // The takes side by side: a thumbnail each (its middle frame), the chosen one selected.
    m_takeStrip = new QListWidget;
    m_takeStrip->setViewMode(QListView::IconMode);
    m_takeStrip->setFlow(QListView::LeftToRight);
    m_takeStrip->setWrapping(false);
    m_takeStrip->setMovement(QListView::Static);
    m_takeStrip->setIconSize(QSize(96, 54));
    // One row of cells: the thumbnail and two lines (take, seed), and room for the bar.
    const int cellHeight = 54 + 2 * fontMetrics().height() + 10;
    m_takeStrip->setGridSize(QSize(112, cellHeight));
    m_takeStrip->setFixedHeight(cellHeight + style()->pixelMetric(QStyle::PM_ScrollBarExtent) +
                                2 * m_takeStrip->frameWidth() + 4);
    m_takeStrip->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_takeStrip->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_takeStrip->setSelectionMode(QAbstractItemView::SingleSelection);
    m_takeStrip->setToolTip(tr("The shot's takes, newest first: click one to use it in the cut"));
    form->addRow(tr("Takes"), m_takeStrip);

    // Long work starts from here: the button never keeps the focus, so Space (play and
    // pause) cannot press it again.
    m_generate = new QPushButton(tr("Generate shot"));
    m_generate->setFocusPolicy(Qt::NoFocus);
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
    connect(m_seedLock, &QCheckBox::clicked, this,
            [this](bool on) { editShot({}, [&](project::Shot& s) { s.seedLocked = on; }); });
    connect(m_mode, qOverload<int>(&QComboBox::activated), this, [this](int i) {
        editShot({}, [&](project::Shot& s) {
            s.mode = project::parseShotMode(m_mode->itemData(i).toString().toStdString());
        });
    });
    connect(m_continuous, &QCheckBox::clicked, this,
            [this](bool on) { editShot({}, [&](project::Shot& s) { s.continuous = on; }); });
    connect(m_takeStrip, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) {
        const std::string take = item->data(Qt::UserRole).toString().toStdString();
        editShot({}, [&](project::Shot& s) {
            if (s.selectedTake == take) return;
            s.selectedTake = take;
            // The seed shown is the chosen take's, so locking it makes that take again.
            for (const auto& t : s.takes)
                if (t.id == take) s.seed = t.seed;
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

QString ShotInspector::warningText() const {
    return m_warning->isHidden() ? QString() : m_warning->text();
}

void ShotInspector::setPromptFilter(safety::PromptFilter filter) {
    m_filter = std::move(filter);
    refresh();
}

QString ShotInspector::refusal(const QString& prompt) const {
    const auto refused =
        m_filter.check(project::expandMentions(prompt.toStdString(), m_document->project()));
    return refused ? QString::fromStdString(refused->message()) : QString();
}

void ShotInspector::setModelModes(const QString& modelName,
                                  const std::vector<GenerationMode>& modes) {
    m_modelName = modelName;
    m_modelModes = modes;
    refresh();
}

bool ShotInspector::modelMakes(GenerationMode mode) const {
    return m_modelName.isEmpty() ||
           std::find(m_modelModes.begin(), m_modelModes.end(), mode) != m_modelModes.end();
}

void ShotInspector::focusPrompt() {
    m_prompt->setFocus(Qt::OtherFocusReason);
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
    // The modes the loaded model does not make stay listed (a project may be meant for
    // another model) but greyed, with the reason.
    QStringList made;
    if (auto* modes = qobject_cast<QStandardItemModel*>(m_mode->model())) {
        for (int i = 0; i < m_mode->count(); ++i) {
            const auto mode = project::parseShotMode(m_mode->itemData(i).toString().toStdString());
            const bool makes = modelMakes(project::generationMode(mode));
            if (makes) made << m_mode->itemText(i);
            modes->item(i)->setEnabled(makes);
            modes->item(i)->setToolTip(
                makes ? QString()
                      : tr("%1 does not make \"%2\" shots.").arg(m_modelName, m_mode->itemText(i)));
        }
    }
    if (!has) {
        // Nothing of the last shot stays on show.
        m_title->setText(tr("No shot selected"));
        m_prompt->setPromptSilently({});
        m_negative->clear();
        m_loras->clear();
        m_seconds->clear();
        m_firstImage->clear();
        m_lastImage->clear();
        m_continuous->setChecked(false);
        m_seedLock->setChecked(false);
        m_takeStrip->clear();
        m_warning->hide();
        m_refreshing = false;
        return;
    }
    const project::Shot& s = p.shots[std::size_t(index)];
    m_title->setText(tr("Shot %1").arg(index + 1));
    m_prompt->setPromptSilently(QString::fromStdString(s.prompt));
    // One warning at a time, the first thing to fix; it goes as soon as it is fixed.
    QString warning;
    const QStringList unknown = m_prompt->unknownNames();
    if (QString::fromStdString(s.prompt).trimmed().isEmpty())
        warning = tr("Write what happens in this shot: an empty prompt is not generated.");
    else if (!unknown.isEmpty())
        warning = tr("Unknown character: %1. Add it in Characters or fix the name.")
                      .arg(unknown.join(QStringLiteral(", @")).prepend(QLatin1Char('@')));
    else if (const QString refused = refusal(QString::fromStdString(s.prompt)); !refused.isEmpty())
        warning = refused;
    else if (s.continuous && index == 0)
        warning =
            tr("This is the first shot now: there is no shot before it to continue. "
               "Untick \"Continues the previous shot\" or move it.");
    else if (const auto mode =
                 s.continuous ? GenerationMode::ExtendForward : project::generationMode(s.mode);
             !modelMakes(mode))
        warning =
            tr("%1 does not make \"%2\" shots; it makes: %3. Choose another mode, or "
               "another model in the project's settings.")
                .arg(m_modelName,
                     s.continuous
                         ? tr("Continues the previous shot")
                         : StoryboardModel::modeText(QString::fromLatin1(project::name(s.mode))),
                     made.join(QStringLiteral(", ")));
    m_warning->setText(warning);
    m_warning->setVisible(!warning.isEmpty());
    if (m_negative->text() != QString::fromStdString(s.negativePrompt))
        m_negative->setText(QString::fromStdString(s.negativePrompt));
    if (!m_loras->hasFocus()) m_loras->setText(lorasToText(s.loras));
    m_frames->setValue(s.duration);
    m_seconds->setText(
        tr("%1 s at %2 fps")
            .arg(QLocale().toString(double(s.duration) / std::max(1, p.canvas.fps), 'f', 2))
            .arg(p.canvas.fps));
    m_seed->setValue(int(s.seed % 2147483648ull));
    m_seedLock->setChecked(s.seedLocked);
    m_mode->setCurrentIndex(m_mode->findData(QString::fromLatin1(project::name(s.mode))));
    m_firstImage->setText(
        s.inputs.firstImage.empty() ? tr("none") : QString::fromStdString(s.inputs.firstImage));
    m_lastImage->setText(s.inputs.lastImage.empty() ? tr("none")
                                                    : QString::fromStdString(s.inputs.lastImage));
    m_firstImage->setToolTip(QString::fromStdString(s.inputs.firstImage));
    m_lastImage->setToolTip(QString::fromStdString(s.inputs.lastImage));
    m_continuous->setChecked(s.continuous);
    // The first shot has nothing before it to continue (still untickable when set).
    const bool extends = modelMakes(GenerationMode::ExtendForward);
    m_continuous->setEnabled((index > 0 && extends) || s.continuous);
    m_continuous->setToolTip(!extends    ? tr("%1 does not continue shots.").arg(m_modelName)
                             : index > 0 ? QString()
                                         : tr("The first shot has no shot before it to continue."));
    refreshTakes(index);
    m_refreshing = false;
}

void ShotInspector::refreshTakes(int index) {
    const project::Shot& s = m_document->project().shots[std::size_t(index)];
    m_takeStrip->clear();
    for (auto it = s.takes.rbegin(); it != s.takes.rend(); ++it) {
        auto* item = new QListWidgetItem(
            tr("%1\nseed %2").arg(QString::fromStdString(it->id)).arg(it->seed));
        item->setData(Qt::UserRole, QString::fromStdString(it->id));
        item->setToolTip(tr("%1: seed %2, %3 steps, made %4")
                             .arg(QString::fromStdString(it->id))
                             .arg(it->seed)
                             .arg(it->steps)
                             .arg(QString::fromStdString(it->createdAt)));
        QImage thumb;
        if (m_takes != nullptr) thumb = m_takes->thumbnail(m_document->folder(), *it);
        if (!thumb.isNull())
            item->setIcon(QIcon(QPixmap::fromImage(thumb.scaled(
                m_takeStrip->iconSize(), Qt::KeepAspectRatio, Qt::FastTransformation))));
        m_takeStrip->addItem(item);
        if (it->id == s.selectedTake) item->setSelected(true);
    }
    if (s.takes.empty()) {
        auto* item = new QListWidgetItem(tr("none yet"));
        item->setFlags(Qt::NoItemFlags);
        m_takeStrip->addItem(item);
    }
}

}  // namespace kinora::ui
