#include "main_window.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QStatusBar>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrent>

#include "image_convert.h"
#include "media/clip_writer.h"
#include "media/image_import.h"
#include "preview_view.h"
#include "step_plot.h"
#include "util/error.h"

namespace kinora::ui {

MainWindow::MainWindow(const QString& modelDir, QWidget* parent) : QMainWindow(parent) {
    setWindowTitle(tr("Kinora Studio"));
    buildUi();
    buildMenus();
    QSettings settings;
    m_modelDir = modelDir.isEmpty() ? settings.value("modelDir").toString() : modelDir;
    startWorker(m_modelDir);
    setBusy(false);
    resize(1100, 720);
}

MainWindow::~MainWindow() {
    stopWorker();
}

void MainWindow::buildUi() {
    auto* controls = new QWidget;
    auto* column = new QVBoxLayout(controls);
    auto* form = new QFormLayout;
    column->addLayout(form);
    column->addStretch(1);
    m_prompt = new QPlainTextEdit;
    m_prompt->setPlaceholderText(tr("Describe the shot, e.g. a big red ball bounces on the grass"));
    m_prompt->setPlainText(QStringLiteral("a big red ball bounces on the grass"));
    m_prompt->setMaximumHeight(90);
    form->addRow(tr("Prompt"), m_prompt);
    m_negative = new QLineEdit;
    m_negative->setPlaceholderText(tr("What to avoid (optional)"));
    form->addRow(tr("Negative prompt"), m_negative);

    auto* seedRow = new QHBoxLayout;
    m_seed = new QSpinBox;
    m_seed->setRange(0, 2147483647);
    m_randomSeed = new QCheckBox(tr("Random"));
    m_randomSeed->setChecked(true);
    m_seed->setEnabled(false);
    connect(m_randomSeed, &QCheckBox::toggled, m_seed,
            [this](bool on) { m_seed->setEnabled(!on); });
    seedRow->addWidget(m_seed, 1);
    seedRow->addWidget(m_randomSeed);
    form->addRow(tr("Seed"), seedRow);

    m_steps = new QSpinBox;
    m_steps->setRange(0, 200);
    m_steps->setSpecialValueText(tr("Model default"));
    form->addRow(tr("Steps"), m_steps);
    m_guidance = new QDoubleSpinBox;
    m_guidance->setRange(-0.5, 20.0);
    m_guidance->setSingleStep(0.5);
    m_guidance->setValue(-0.5);
    m_guidance->setSpecialValueText(tr("Model default"));
    form->addRow(tr("Guidance"), m_guidance);
    m_frames = new QComboBox;
    for (int f : {17, 33, 65}) m_frames->addItem(tr("%1 frames").arg(f), f);
    form->addRow(tr("Length"), m_frames);
    m_canvas = new QComboBox;
    m_canvas->addItem(tr("64 x 64 (square)"), QSize(64, 64));
    m_canvas->addItem(tr("96 x 64 (wide)"), QSize(96, 64));
    m_canvas->addItem(tr("64 x 96 (tall)"), QSize(64, 96));
    form->addRow(tr("Canvas"), m_canvas);

    auto* frameRow = new QHBoxLayout;
    m_firstFrameLabel = new QLabel(tr("none (text to video)"));
    auto* chooseFrame = new QPushButton(tr("Choose..."));
    auto* clearFrame = new QPushButton(tr("Clear"));
    connect(chooseFrame, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("First frame"), {},
            tr("Images (*.png *.jpg *.jpeg *.webp *.bmp *.tif *.tiff)"));
        if (!path.isEmpty()) setFirstFrameFromFile(path);
    });
    connect(clearFrame, &QPushButton::clicked, this, [this] {
        m_firstFrame.reset();
        m_firstFrameLabel->setText(tr("none (text to video)"));
    });
    frameRow->addWidget(m_firstFrameLabel, 1);
    frameRow->addWidget(chooseFrame);
    frameRow->addWidget(clearFrame);
    form->addRow(tr("First frame"), frameRow);

    auto* buttons = new QHBoxLayout;
    m_generate = new QPushButton(tr("Generate"));
    m_generate->setDefault(true);
    m_cancel = new QPushButton(tr("Cancel"));
    connect(m_generate, &QPushButton::clicked, this, &MainWindow::generate);
    connect(m_cancel, &QPushButton::clicked, this, &MainWindow::cancel);
    buttons->addWidget(m_generate);
    buttons->addWidget(m_cancel);
    form->addRow(buttons);

    m_preview = new PreviewView;
    connect(m_preview, &PreviewView::fileDropped, this, &MainWindow::setFirstFrameFromFile);
    m_progress = new QProgressBar;
    m_status = new QLabel;
    m_plot = new StepPlot;

    auto* right = new QWidget;
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->addWidget(m_preview, 1);
    rightLayout->addWidget(m_progress);
    rightLayout->addWidget(m_status);
    rightLayout->addWidget(m_plot);

    auto* splitter = new QSplitter;
    splitter->addWidget(controls);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 1);
    setCentralWidget(splitter);
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* openModel = file->addAction(tr("Open &model folder..."));
    connect(openModel, &QAction::triggered, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Model folder"), m_modelDir);
        if (dir.isEmpty()) return;
        stopWorker();
        m_modelDir = dir;
        QSettings().setValue("modelDir", dir);
        startWorker(dir);
    });
    QAction* save = file->addAction(tr("&Save clip as..."));
    save->setShortcut(QKeySequence::Save);
    connect(save, &QAction::triggered, this, &MainWindow::saveClipAs);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    QMenu* gen = menuBar()->addMenu(tr("&Generate"));
    QAction* run = gen->addAction(tr("&Generate"));
    run->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    connect(run, &QAction::triggered, this, &MainWindow::generate);
    QAction* stop = gen->addAction(tr("&Cancel"));
    stop->setShortcut(QKeySequence(Qt::Key_Escape));
    connect(stop, &QAction::triggered, this, &MainWindow::cancel);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    connect(help->addAction(tr("&About Kinora Studio")), &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About Kinora Studio"),
                           tr("Kinora Studio %1\nAI video generation on your own machine.")
                               .arg(KINORA_UI_VERSION));
    });
}

void MainWindow::startWorker(const QString& modelDir) {
    EngineOptions options;
    options.modelDir = modelDir.toStdString();
    m_worker = new InferenceWorker(options);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &InferenceWorker::modelReady, this,
            [this](const QString& name, qint64 params) {
                statusBar()->showMessage(
                    tr("Model %1 (%2 M parameters)").arg(name).arg(params / 1e6, 0, 'f', 1));
            });
    connect(m_worker, &InferenceWorker::progress, this,
            [this](quint64 id, int step, int total, double left, double change) {
                if (id != m_currentJob) return;
                m_progress->setRange(0, total);
                m_progress->setValue(step);
                m_status->setText(
                    tr("step %1 / %2, %3 s left").arg(step).arg(total).arg(left, 0, 'f', 1));
                m_plot->addStep(step, change);
            });
    connect(m_worker, &InferenceWorker::preview, this,
            [this](quint64 id, int step, const QVector<QImage>& frames) {
                if (id == m_currentJob)
                    m_preview->showStep(frames, tr("denoising, step %1").arg(step));
            });
    connect(m_worker, &InferenceWorker::finished, this, [this](const JobResult& r) {
        if (r.jobId != m_currentJob) return;
        m_lastClip = r.frames;
        m_lastFps = r.fps;
        m_preview->showClip(r.frames, r.fps);
        m_status->setText(tr("done: %1 frames, seed %2, %3 s")
                              .arg(r.frames.size())
                              .arg(r.seed)
                              .arg(r.seconds, 0, 'f', 2));
        setBusy(false);
        emit jobEnded();
    });
    connect(m_worker, &InferenceWorker::cancelled, this, [this](quint64 id, int stepsDone) {
        if (id != m_currentJob) return;
        m_status->setText(tr("cancelled after %1 steps").arg(stepsDone));
        setBusy(false);
        emit jobEnded();
    });
    connect(m_worker, &InferenceWorker::failed, this, [this](quint64 id, const QString& message) {
        if (id != m_currentJob) return;
        setBusy(false);
        showError(message);
        emit jobEnded();
    });
    m_thread.start();
}

void MainWindow::stopWorker() {
    if (m_worker == nullptr) return;
    m_worker->cancelAll();
    m_thread.quit();
    m_thread.wait();
    m_worker = nullptr;
}

GenerationRequest MainWindow::currentRequest() const {
    GenerationRequest r;
    r.prompt = m_prompt->toPlainText().toStdString();
    r.negativePrompt = m_negative->text().toStdString();
    if (!m_randomSeed->isChecked()) r.seed = static_cast<uint64_t>(m_seed->value());
    r.steps = m_steps->value();
    r.guidance = m_guidance->value() < 0 ? -1.0 : m_guidance->value();
    r.frames = m_frames->currentData().toInt();
    const QSize canvas = m_canvas->currentData().toSize();
    r.width = canvas.width();
    r.height = canvas.height();
    r.firstFrame = m_firstFrame;
    return r;
}

bool MainWindow::setFirstFrameFromFile(const QString& path) {
    try {
        m_firstFrame = readImage(path.toStdString());
    } catch (const Error& e) {
        showError(
            tr("Cannot use this file as a first frame: %1").arg(QString::fromStdString(e.what())));
        return false;
    }
    m_firstFrameLabel->setText(QFileInfo(path).fileName());
    m_preview->showStep({toQImage(fitImageToCanvas(*m_firstFrame, 256, 256))},
                        tr("first frame: %1").arg(QFileInfo(path).fileName()));
    return true;
}

void MainWindow::generate() {
    if (m_worker == nullptr || m_cancel->isEnabled()) return;
    const GenerationRequest request = currentRequest();
    m_currentJob = m_worker->reserveJobId();
    const quint64 id = m_currentJob;
    InferenceWorker* worker = m_worker;
    setBusy(true);
    m_plot->reset(request.steps > 0 ? request.steps : 12);
    m_progress->setValue(0);
    m_status->setText(tr("starting..."));
    QMetaObject::invokeMethod(
        worker, [worker, id, request] { worker->run(id, request); }, Qt::QueuedConnection);
}

void MainWindow::cancel() {
    if (m_worker != nullptr) m_worker->cancelAll();
}

void MainWindow::saveClipAs() {
    if (m_lastClip.isEmpty()) {
        statusBar()->showMessage(tr("Nothing to save yet: generate a clip first."), 4000);
        return;
    }
    QString path = QFileDialog::getSaveFileName(this, tr("Save clip"), QStringLiteral("clip.mp4"),
                                                tr("H.264 video (*.mp4);;Raw video (*.y4m)"));
    if (path.isEmpty()) return;
    Clip clip;
    clip.fps = m_lastFps;
    for (const QImage& f : m_lastClip) clip.frames.push_back(fromQImage(f));
    // Encoding runs off the GUI thread; the watcher reports back on it.
    auto* watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, path] {
        const QString error = watcher->result();
        if (error.isEmpty())
            statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
        else
            showError(error);
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run([clip, path]() -> QString {
        try {
            writeClip(clip, path.toStdString());
            return {};
        } catch (const std::exception& e) {
            return QString::fromStdString(e.what());
        }
    }));
}

void MainWindow::setBusy(bool busy) {
    m_generate->setEnabled(!busy);
    m_cancel->setEnabled(busy);
}

void MainWindow::showError(const QString& message) {
    m_status->setText(message);
    statusBar()->showMessage(message, 8000);
    if (!QApplication::platformName().contains(QLatin1String("offscreen")))
        QMessageBox::warning(this, tr("Kinora Studio"), message);
}

QString MainWindow::statusText() const {
    return m_status->text();
}

}  // namespace kinora::ui
