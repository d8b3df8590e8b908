#include "settings_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTableWidget>
#include <QThread>
#include <QVBoxLayout>

#include <algorithm>
#include <string>
#include <vector>

#include "models/registry.h"
#include "pipeline/engine.h"
#include "util/process_stats.h"

namespace kinora::ui {

StudioSettings StudioSettings::load() {
    QSettings s;
    StudioSettings out;
    out.modelDir = s.value(QStringLiteral("modelDir")).toString();
    out.models = s.value(QStringLiteral("models")).toStringList();
    if (!out.modelDir.isEmpty() && !out.models.contains(out.modelDir)) out.models << out.modelDir;
    out.threads = std::clamp(s.value(QStringLiteral("threads"), 0).toInt(), 0, 1024);
    out.device = s.value(QStringLiteral("device"), QStringLiteral("cpu")).toString();
    // A GPU chosen on another build or machine: the CPU here, not an error at every start.
    if (out.device != QLatin1String("cuda") || !cudaDeviceAvailable())
        out.device = QStringLiteral("cpu");
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
    s.setValue(QStringLiteral("models"), models);
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
    // The models: the embedded one first, then those added; the selected row is the default.
    m_models = new QTableWidget(0, 6);
    m_models->setHorizontalHeaderLabels({tr("Model"), tr("Family"), tr("Variant"), tr("On disk"),
                                         tr("Memory needed"), tr("Status")});
    m_models->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_models->setSelectionMode(QAbstractItemView::SingleSelection);
    m_models->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_models->verticalHeader()->hide();
    m_models->horizontalHeader()->setStretchLastSection(true);
    m_models->setMinimumWidth(720);
    m_models->insertRow(0);
    describeRow(0, {});
    // The other shipped models (the few-step sibling), by name: the engine finds their
    // folder. Only those installed are offered.
    const std::vector<std::string> shipped = embeddedModelNames();
    for (std::size_t i = 1; i < shipped.size(); ++i) {
        try {
            embeddedModelDir(shipped[i]);
        } catch (const std::exception&) {
            continue;
        }
        m_models->insertRow(m_shippedRows);
        ++m_shippedRows;
        describeRow(m_shippedRows - 1, QString::fromStdString(shipped[i]));
    }
    for (const QString& path : settings.models) {
        if (std::find(shipped.begin(), shipped.end(), path.toStdString()) != shipped.end())
            continue;  // listed above
        const int row = m_models->rowCount();
        m_models->insertRow(row);
        describeRow(row, path);
    }
    int selected = 0;
    for (int r = 1; r < m_models->rowCount(); ++r)
        if (m_models->item(r, 0)->data(Qt::UserRole).toString() == settings.modelDir) selected = r;
    m_models->selectRow(selected);
    auto* modelButtons = new QHBoxLayout;
    auto* addFolder = new QPushButton(tr("Add folder..."));
    auto* addFiles = new QPushButton(tr("Add files..."));
    auto* remove = new QPushButton(tr("Remove"));
    modelButtons->addWidget(addFolder);
    modelButtons->addWidget(addFiles);
    modelButtons->addWidget(remove);
    modelButtons->addStretch(1);
    auto* modelBox = new QVBoxLayout;
    modelBox->addWidget(m_models);
    modelBox->addLayout(modelButtons);
    form->addRow(tr("Models"), modelBox);
    connect(addFolder, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Model folder"));
        if (!dir.isEmpty()) addModel(dir);
    });
    connect(addFiles, &QPushButton::clicked, this, [this] {
        const QStringList files = QFileDialog::getOpenFileNames(
            this, tr("Model files"), {},
            tr("Weights and tokenizers (*.safetensors *.pth *.pt *.bin *.model)"));
        if (!files.isEmpty()) addModel(files.join(QLatin1Char(',')));
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        const int row = m_models->currentRow();
        if (row >= m_shippedRows) m_models->removeRow(row);  // the shipped models stay
        m_models->selectRow(std::max(0, std::min(row, m_models->rowCount() - 1)));
    });

    m_threads = new QSpinBox;
    m_threads->setRange(0, std::max(1, QThread::idealThreadCount()));
    // Automatic follows the cores other programs leave free, before and during each clip.
    m_threads->setSpecialValueText(
        tr("Automatic (the free cores of %1)").arg(QThread::idealThreadCount()));
    m_threads->setToolTip(
        tr("Automatic uses the cores other programs leave free, measured again while it "
           "generates, so a build or a browser beside the studio does not slow it down. A "
           "number fixes the threads."));
    m_threads->setValue(settings.threads);
    form->addRow(tr("Threads"), m_threads);

    m_device = new QComboBox;
    m_device->addItem(tr("CPU"), QStringLiteral("cpu"));
    // Only what this build and machine can run on is offered.
    if (cudaDeviceAvailable())
        m_device->addItem(tr("CUDA GPU"), QStringLiteral("cuda"));
    else
        m_device->setToolTip(tr("This build or machine has no CUDA GPU: models run on the CPU."));
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
        new QLabel(tr("Model, threads, device and word list apply when the model is next loaded. "
                      "A project can name its own model (Project settings)."));
    note->setWordWrap(true);
    form->addRow(note);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
}

void SettingsDialog::addModel(const QString& path) {
    for (int r = 1; r < m_models->rowCount(); ++r)
        if (m_models->item(r, 0)->data(Qt::UserRole).toString() == path) {
            m_models->selectRow(r);
            return;
        }
    const int row = m_models->rowCount();
    m_models->insertRow(row);
    describeRow(row, path);
    m_models->selectRow(row);
}

void SettingsDialog::describeRow(int row, const QString& path) {
    auto set = [&](int column, const QString& text) {
        auto* item = new QTableWidgetItem(text);
        item->setToolTip(text);
        m_models->setItem(row, column, item);
    };
    auto gigabytes = [](qint64 bytes) {
        return tr("%1 GB").arg(QLocale().toString(static_cast<double>(bytes) / 1e9, 'f', 2));
    };
    const bool shipped = !path.isEmpty() && row < m_shippedRows;
    set(0, path.isEmpty() ? tr("Embedded (kinora-tiny)")
           : shipped      ? tr("Embedded, fast (%1)").arg(path)
                          : path);
    m_models->item(row, 0)->setData(Qt::UserRole, path);
    try {
        const std::string where = resolveModelPath(path.toStdString());
        const DetectedModel found = detectModel(where);
        set(1, QString::fromStdString(found.family));
        set(2, QString::fromStdString(found.variant));
        set(3, gigabytes(found.diskBytes));
        const long long available = availableMemoryBytes();
        set(4, available > 0
                   ? tr("%1 (%2 free)").arg(gigabytes(found.memoryBytes), gigabytes(available))
                   : gigabytes(found.memoryBytes));
        QStringList missing;
        for (const auto& m : found.missing) missing << QString::fromStdString(m);
        if (!missing.isEmpty())
            set(5, tr("missing: %1").arg(missing.join(QStringLiteral("; "))));
        else if (available > 0 && found.memoryBytes > available)
            set(5, tr("too large for this machine's free memory"));
        else
            set(5, tr("ready"));
    } catch (const std::exception& e) {
        for (int c = 1; c < 5; ++c) set(c, QString());
        set(5, QString::fromStdString(e.what()));
    }
}

StudioSettings SettingsDialog::settings() const {
    StudioSettings s;
    for (int r = m_shippedRows; r < m_models->rowCount(); ++r)
        s.models << m_models->item(r, 0)->data(Qt::UserRole).toString();
    const int selected = m_models->currentRow();
    s.modelDir =
        selected > 0 ? m_models->item(selected, 0)->data(Qt::UserRole).toString() : QString();
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
