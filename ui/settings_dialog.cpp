#include "settings_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QThread>

namespace kinora::ui {

StudioSettings StudioSettings::load() {
    QSettings s;
    StudioSettings out;
    out.modelDir = s.value(QStringLiteral("modelDir")).toString();
    out.threads = std::clamp(s.value(QStringLiteral("threads"), 0).toInt(), 0, 1024);
    out.device = s.value(QStringLiteral("device"), QStringLiteral("cpu")).toString();
    if (out.device != QLatin1String("cuda")) out.device = QStringLiteral("cpu");
    out.autosaveSeconds =
        std::clamp(s.value(QStringLiteral("autosaveSeconds"), 60).toInt(), 0, 3600);
    out.promptList = s.value(QStringLiteral("promptList")).toString();
    out.signingCert = s.value(QStringLiteral("signingCert")).toString();
    out.signingKey = s.value(QStringLiteral("signingKey")).toString();
    out.lookCandidates = std::clamp(s.value(QStringLiteral("lookCandidates"), 1).toInt(), 1, 16);
    return out;
}

void StudioSettings::save() const {
    QSettings s;
    s.setValue(QStringLiteral("modelDir"), modelDir);
    s.setValue(QStringLiteral("threads"), threads);
    s.setValue(QStringLiteral("device"), device);
    s.setValue(QStringLiteral("autosaveSeconds"), autosaveSeconds);
    s.setValue(QStringLiteral("promptList"), promptList);
    s.setValue(QStringLiteral("signingCert"), signingCert);
    s.setValue(QStringLiteral("signingKey"), signingKey);
    s.setValue(QStringLiteral("lookCandidates"), lookCandidates);
}

SettingsDialog::SettingsDialog(const StudioSettings& settings, QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Settings"));
    auto* form = new QFormLayout(this);
    auto* modelRow = new QHBoxLayout;
    m_modelDir = new QLineEdit(settings.modelDir);
    m_modelDir->setPlaceholderText(tr("Embedded model (kinora-tiny)"));
    auto* browse = new QPushButton(tr("Browse..."));
    auto* embedded = new QPushButton(tr("Embedded"));
    modelRow->addWidget(m_modelDir, 1);
    modelRow->addWidget(browse);
    modelRow->addWidget(embedded);
    form->addRow(tr("Model folder"), modelRow);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir =
            QFileDialog::getExistingDirectory(this, tr("Model folder"), m_modelDir->text());
        if (!dir.isEmpty()) m_modelDir->setText(dir);
    });
    connect(embedded, &QPushButton::clicked, m_modelDir, &QLineEdit::clear);

    m_threads = new QSpinBox;
    m_threads->setRange(0, std::max(1, QThread::idealThreadCount()));
    m_threads->setSpecialValueText(tr("Automatic (%1 cores)").arg(QThread::idealThreadCount()));
    m_threads->setValue(settings.threads);
    form->addRow(tr("Threads"), m_threads);

    m_device = new QComboBox;
    m_device->addItem(tr("CPU"), QStringLiteral("cpu"));
    m_device->addItem(tr("CUDA GPU (when this build has one)"), QStringLiteral("cuda"));
    m_device->setCurrentIndex(std::max(0, m_device->findData(settings.device)));
    form->addRow(tr("Device"), m_device);

    m_autosave = new QSpinBox;
    m_autosave->setRange(0, 3600);
    m_autosave->setSuffix(tr(" s"));
    m_autosave->setSpecialValueText(tr("Off"));
    m_autosave->setValue(settings.autosaveSeconds);
    form->addRow(tr("Autosave every"), m_autosave);

    m_lookCandidates = new QSpinBox;
    m_lookCandidates->setRange(1, 16);
    m_lookCandidates->setSpecialValueText(tr("1 (off)"));
    m_lookCandidates->setValue(settings.lookCandidates);
    m_lookCandidates->setToolTip(
        tr("Shots that name a character are made this many times a window, and the try whose "
           "character is closest to its reference look is kept. Takes this many times as "
           "long."));
    form->addRow(tr("Tries per window"), m_lookCandidates);

    auto* listRow = new QHBoxLayout;
    m_promptList = new QLineEdit(settings.promptList);
    m_promptList->setPlaceholderText(tr("Built-in list"));
    m_promptList->setToolTip(
        tr("Prompts with words of this list are refused before anything "
           "is generated (JSON: categories with their words)."));
    auto* browseList = new QPushButton(tr("Browse..."));
    listRow->addWidget(m_promptList, 1);
    listRow->addWidget(browseList);
    form->addRow(tr("Prompt word list"), listRow);
    connect(browseList, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("Prompt word list"), {},
                                                          tr("Word lists (*.json)"));
        if (!file.isEmpty()) m_promptList->setText(file);
    });

    auto fileRow = [this, form](QLineEdit*& edit, const QString& value, const QString& label,
                                const QString& filter) {
        auto* row = new QHBoxLayout;
        edit = new QLineEdit(value);
        edit->setPlaceholderText(tr("Local test certificate"));
        auto* pick = new QPushButton(tr("Browse..."));
        row->addWidget(edit, 1);
        row->addWidget(pick);
        form->addRow(label, row);
        QLineEdit* target = edit;
        connect(pick, &QPushButton::clicked, this, [this, target, label, filter] {
            const QString file = QFileDialog::getOpenFileName(this, label, target->text(), filter);
            if (!file.isEmpty()) target->setText(file);
        });
    };
    fileRow(m_signingCert, settings.signingCert, tr("Signing certificate"),
            tr("PEM certificate chain (*.pem *.crt)"));
    m_signingCert->setToolTip(
        tr("Signs the content credentials (C2PA) of every video the studio writes: your "
           "certificate first, then its issuers. Empty: a local test CA made on first use."));
    fileRow(m_signingKey, settings.signingKey, tr("Its private key"),
            tr("PEM EC key (*.pem *.key)"));

    auto* note =
        new QLabel(tr("Model, threads, device and word list apply when the model is next loaded."));
    note->setWordWrap(true);
    form->addRow(note);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
}

StudioSettings SettingsDialog::settings() const {
    StudioSettings s;
    s.modelDir = m_modelDir->text().trimmed();
    s.threads = m_threads->value();
    s.device = m_device->currentData().toString();
    s.autosaveSeconds = m_autosave->value();
    s.promptList = m_promptList->text().trimmed();
    s.signingCert = m_signingCert->text().trimmed();
    s.signingKey = m_signingKey->text().trimmed();
    s.lookCandidates = m_lookCandidates->value();
    return s;
}

}  // namespace kinora::ui
