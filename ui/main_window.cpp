#include "main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QProgressBar>
#include <QPushButton>
#include <QRandomGenerator>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>
#include <QVBoxLayout>

#include "characters_panel.h"
#include "job_queue.h"
#include "plots_panel.h"
#include "preview_view.h"
#include "project_document.h"
#include "project_settings_dialog.h"
#include "shot_inspector.h"
#include "step_plot.h"
#include "storyboard_model.h"
#include "storyboard_view.h"
#include "timeline_view.h"
#ifdef KINORA_HAVE_C2PA
#include "provenance/c2pa.h"
#endif

namespace kinora::ui {

MainWindow::MainWindow(const QString& modelDir, QWidget* parent)
    : QMainWindow(parent), m_modelOverride(modelDir) {
    m_settings = StudioSettings::load();
    QString signerProblem;
    if (!applySigner(m_settings, &signerProblem)) {
        // Keep the local test signer; say so once the window is up.
        QTimer::singleShot(0, this, [this, signerProblem] {
            setMessage(tr("Content credentials: %1 (the local test certificate signs instead)")
                           .arg(signerProblem));
        });
    }
    m_document = new ProjectDocument(this);
    buildUi();
    m_document->newProject(starterProject());
    buildMenus();
    connect(m_document, &ProjectDocument::titleChanged, this, &MainWindow::updateTitle);
    connect(m_document, &ProjectDocument::documentReset, this, [this] {
        m_takes.clear();
        // Nothing said about the project before (a cancel, an error) is about this one.
        ++m_documentGeneration;
        m_pendingExport.reset();
        if (m_message.kind != Message::Kind::ModelError) m_message = {};
        refreshJobViews();
        if (m_worker) followProjectModel();  // a project names its model
        m_storyboard->selectShotIds({});
        if (!m_document->project().shots.empty())
            m_storyboard->selectShotIds(
                {QString::fromStdString(m_document->project().shots[0].id)});
        selectionChanged();
    });
    connect(m_document, &ProjectDocument::changed, this, [this] {
        // An undone or redone model change: load the model the project names now.
        if (m_worker && !isGenerating() && wantedModel() != m_loadedModel) followProjectModel();
        updateActions();
        showPlayheadFrame();
        // Shot numbers and the conditions of messages change with an edit.
        const auto& shots = m_document->project().shots;
        if (!shots.empty() && shots[0].continuous && !m_firstContinuous)
            setMessage(tr("Shot 1 continues the previous shot, but it is the first shot now: "
                          "there is nothing before it to continue."),
                       Message::Kind::Info, [this] {
                           const auto& s = m_document->project().shots;
                           return !s.empty() && s[0].continuous;
                       });
        m_firstContinuous = !shots.empty() && shots[0].continuous;
        refreshJobViews();
    });
    connect(m_document, &ProjectDocument::errorOccurred, this,
            [this](const QString& m) { statusBar()->showMessage(m, 8000); });
    connect(&m_autosave, &QTimer::timeout, this, [this] { m_document->writeAutosave(); });
    if (m_settings.autosaveSeconds > 0) m_autosave.start(m_settings.autosaveSeconds * 1000);
    m_unsavedPrompt = [this](const QString& name) {
        return QMessageBox::question(this, tr("Unsaved changes"),
                                     tr("%1 has changes that are not saved. Save them?").arg(name),
                                     QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel,
                                     QMessageBox::Save);
    };
    m_question = [this](const QString& text) {
        return QMessageBox::question(this, tr("Kinora Studio"), text,
                                     QMessageBox::Yes | QMessageBox::No,
                                     QMessageBox::Yes) == QMessageBox::Yes;
    };
    applyPromptFilter();
    startWorker();
    setBusy(false);
    updateTitle();
    updateActions();
    // As large as suits the work, never larger than the screen's free area (offscreen
    // rendering has no real screen: the usual 1280x800).
    QRect free(0, 0, 1280, 800);
    if (screen() && !QApplication::platformName().contains(QLatin1String("offscreen")))
        free = screen()->availableGeometry();
    resize(std::min(1600, free.width()), std::min(1000, free.height()));
}

MainWindow::~MainWindow() {
    stopWorker();
}

project::Project MainWindow::starterProject() {
    project::Project p;
    project::Shot shot;
    shot.id = "shot-1";
    shot.prompt = "a big red ball bounces on the grass";  // world words: English
    shot.seed = QRandomGenerator::global()->bounded(2147483647u);
    p.shots.push_back(shot);
    return p;
}

StepPlot* MainWindow::stepPlot() const {
    return m_plots->stepPlot();
}

void MainWindow::buildUi() {
    setDockNestingEnabled(true);
    // Centre: the preview above the storyboard.
    m_preview = new PreviewView;
    connect(m_preview, &PreviewView::fileDropped, this, [this](const QString& path) {
        const QStringList ids = m_storyboard->selectedShotIds();
        int row = static_cast<int>(m_document->project().shots.size());
        if (!ids.isEmpty()) row = m_document->project().shotIndex(ids.last().toStdString()) + 1;
        addImageShots({path}, row);
    });
    auto* transport = new QHBoxLayout;
    m_stepLabel = new QLabel;
    m_progress = new QProgressBar;
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(10);
    m_stepLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_stepLabel->setMinimumWidth(120);
    m_cancel = new QPushButton(tr("Cancel"));
    m_cancel->setFocusPolicy(Qt::NoFocus);
    connect(m_cancel, &QPushButton::clicked, this, &MainWindow::cancel);
    transport->addWidget(m_stepLabel, 1);
    transport->addWidget(m_progress, 1);
    transport->addWidget(m_cancel);
    m_status = new QLabel;
    m_status->setWordWrap(true);
    // A long message wraps; it never makes the window taller than the screen.
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Minimum);
    auto* previewPane = new QWidget;
    auto* previewColumn = new QVBoxLayout(previewPane);
    previewColumn->addWidget(m_preview, 1);
    previewColumn->addLayout(transport);
    previewColumn->addWidget(m_status);

    m_storyboardModel = new StoryboardModel(m_document, &m_takes, this);
    m_storyboard = new StoryboardView;
    m_storyboard->setStoryboardModel(m_storyboardModel);
    connect(m_storyboardModel, &StoryboardModel::filesDropped, this,
            [this](const QStringList& paths, int row) { addImageShots(paths, row); });
    connect(m_storyboard, &StoryboardView::selectionChangedByUser, this,
            &MainWindow::selectionChanged);
    connect(m_storyboard, &QListView::doubleClicked, this, [this] { generateSelected(); });
    auto* storyboardPane = new QWidget;
    auto* storyColumn = new QVBoxLayout(storyboardPane);
    storyColumn->setContentsMargins(0, 0, 0, 0);
    auto* storyBar = new QToolBar;
    storyBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto* title = new QLabel(tr("Storyboard"));
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    storyBar->addWidget(title);
    storyBar->addSeparator();
    storyBar->addAction(tr("Add shot"), this, &MainWindow::addShot);
    m_duplicateAction = storyBar->addAction(tr("Duplicate"), this, &MainWindow::duplicateShots);
    m_deleteAction = storyBar->addAction(tr("Delete"), this, &MainWindow::deleteShots);
    storyBar->addSeparator();
    storyBar->addAction(tr("Generate"), this, &MainWindow::generateSelected);
    storyBar->addAction(tr("Generate missing"), this, &MainWindow::generateMissing);
    storyColumn->addWidget(storyBar);
    storyColumn->addWidget(m_storyboard, 1);

    auto* splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(previewPane);
    splitter->addWidget(storyboardPane);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    setCentralWidget(splitter);

    // Panels scroll inside their docks instead of demanding their full height: the
    // window fits a 1280x720 screen.
    auto dock = [this](const QString& name, const QString& objectName, QWidget* w,
                       Qt::DockWidgetArea area, bool scroll = false) {
        auto* d = new QDockWidget(name, this);
        d->setObjectName(objectName);
        if (scroll) {
            // Scrolls up and down; as wide as its content needs, so no label is cut off
            // (in any language).
            auto* scroller = new QScrollArea;
            scroller->setWidgetResizable(true);
            scroller->setFrameShape(QFrame::NoFrame);
            scroller->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
            scroller->setWidget(w);
            scroller->setMinimumWidth(w->minimumSizeHint().width() +
                                      scroller->verticalScrollBar()->sizeHint().width());
            d->setWidget(scroller);
        } else {
            d->setWidget(w);
        }
        addDockWidget(area, d);
        return d;
    };
    m_inspector = new ShotInspector(m_document, &m_takes);
    connect(m_inspector, &ShotInspector::generateRequested, this,
            [this](const QString& id) { generateShots({id}); });
    connect(m_inspector, &ShotInspector::imageChosen, this,
            [this](const QString& shotId, const QString& path, bool last) {
                QString error;
                const QString rel = importImage(path, &error);
                const int index = m_document->project().shotIndex(shotId.toStdString());
                if (rel.isEmpty() || index < 0) return showError(error);
                project::EditShot op{index, m_document->project().shots[std::size_t(index)]};
                (last ? op.shot.inputs.lastImage : op.shot.inputs.firstImage) = rel.toStdString();
                m_document->apply(op);
            });
    QDockWidget* shotDock =
        dock(tr("Shot", "the shot inspector's title"), QStringLiteral("shotDock"), m_inspector,
             Qt::RightDockWidgetArea, true);
    m_characters = new CharactersPanel(m_document);
    connect(m_characters, &CharactersPanel::referenceChosen, this,
            [this](const QString& id, const QString& path) {
                QString error;
                const QString rel = importImage(path, &error);
                if (rel.isEmpty()) return showError(error);
                const auto& chars = m_document->project().characters;
                for (std::size_t i = 0; i < chars.size(); ++i) {
                    if (QString::fromStdString(chars[i].id) != id) continue;
                    // Pictures add up to three (the embedded model uses the first, Wan VACE
                    // models all of them).
                    if (chars[i].referenceImages.size() >= project::Limits::kMaxCharacterReferences)
                        return showError(tr("%1 already has three reference pictures; clear "
                                            "them to choose others")
                                             .arg(QString::fromStdString(chars[i].name)));
                    project::EditCharacter op{int(i), chars[i]};
                    op.character.referenceImages.push_back(rel.toStdString());
                    m_document->apply(op);
                }
            });
    QDockWidget* charactersDock = dock(tr("Characters"), QStringLiteral("charactersDock"),
                                       m_characters, Qt::LeftDockWidgetArea, true);
    m_plots = new PlotsPanel;
    QDockWidget* plotsDock =
        dock(tr("Plots"), QStringLiteral("plotsDock"), m_plots, Qt::LeftDockWidgetArea);
    m_queuePanel = new QueuePanel(m_document);
    connect(m_queuePanel, &QueuePanel::cancelRequested, this, &MainWindow::cancelJob);
    connect(m_queuePanel, &QueuePanel::clearRequested, this, [this] {
        m_jobs.erase(std::remove_if(m_jobs.begin(), m_jobs.end(),
                                    [](const QueueEntry& e) { return e.ended(); }),
                     m_jobs.end());
        refreshJobViews();
    });
    QDockWidget* queueDock =
        dock(tr("Queue"), QStringLiteral("queueDock"), m_queuePanel, Qt::RightDockWidgetArea);
    m_timeline = new TimelinePanel(m_document, &m_takes);
    dock(tr("Timeline"), QStringLiteral("timelineDock"), m_timeline, Qt::BottomDockWidgetArea);
    connect(m_timeline->view(), &TimelineView::playheadMoved, this, &MainWindow::showPlayheadFrame);
    // The centre (preview and storyboard) gets most of the width; applied once laid out.
    QTimer::singleShot(0, this, [this, charactersDock, shotDock, plotsDock, queueDock] {
        resizeDocks({charactersDock, shotDock}, {290, 330}, Qt::Horizontal);
        resizeDocks({charactersDock, plotsDock}, {400, 220}, Qt::Vertical);
        resizeDocks({shotDock, queueDock}, {500, 140}, Qt::Vertical);
    });
    connect(m_timeline->view(), &TimelineView::shotClicked, this, [this](int index) {
        m_storyboard->selectShotIds(
            {QString::fromStdString(m_document->project().shots[std::size_t(index)].id)});
    });
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New project"), QKeySequence::New, this, &MainWindow::newProject);
    file->addAction(tr("&Open..."), QKeySequence::Open, this, &MainWindow::open);
    m_recentMenu = file->addMenu(tr("Open &recent"));
    buildRecentMenu();
    file->addAction(tr("&Save"), QKeySequence::Save, this, &MainWindow::save);
    file->addAction(tr("Save &as..."), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S), this,
                    &MainWindow::saveAs);
    file->addSeparator();
    file->addAction(tr("&Export..."), QKeySequence(Qt::CTRL | Qt::Key_E), this,
                    &MainWindow::exportMedia);
    file->addAction(tr("Check &content credentials..."), this, &MainWindow::checkProvenance);
    file->addSeparator();
    file->addAction(tr("Se&ttings..."), QKeySequence(Qt::CTRL | Qt::Key_Comma), this,
                    &MainWindow::editSettings);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::Key_Y), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z)});
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    edit->addAction(tr("Add &shot"), QKeySequence(Qt::CTRL | Qt::Key_T), this,
                    &MainWindow::addShot);
    edit->addAction(m_duplicateAction);
    m_duplicateAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    edit->addAction(m_deleteAction);
    m_deleteAction->setShortcut(QKeySequence::Delete);
    edit->addAction(tr("Add &character"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C),
                    m_characters, &CharactersPanel::addCharacter);
    edit->addSeparator();
    edit->addAction(tr("&Project settings..."), this, &MainWindow::editProjectSettings);

    QMenu* gen = menuBar()->addMenu(tr("&Generate"));
    m_generateAction =
        gen->addAction(tr("&Generate selected shots"), QKeySequence(Qt::CTRL | Qt::Key_Return),
                       this, &MainWindow::generateSelected);
    m_generateMissingAction = gen->addAction(tr("Generate &missing shots"),
                                             QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return),
                                             this, &MainWindow::generateMissing);
    m_cancelAction =
        gen->addAction(tr("&Cancel"), QKeySequence(Qt::Key_Escape), this, &MainWindow::cancel);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    for (QDockWidget* d : findChildren<QDockWidget*>()) view->addAction(d->toggleViewAction());
    view->addSeparator();
    // Transport keys as in every editor, anywhere in the window but in text fields (they
    // take the key themselves): Space plays and pauses, J / K / L play backward, pause,
    // play forward (again: faster).
    view->addAction(tr("&Play / pause"), QKeySequence(Qt::Key_Space), m_timeline->view(),
                    &TimelineView::togglePlay);
    view->addAction(tr("Play &backward"), QKeySequence(Qt::Key_J), m_timeline->view(),
                    &TimelineView::playBackward);
    view->addAction(tr("Pa&use"), QKeySequence(Qt::Key_K), m_timeline->view(),
                    &TimelineView::pause);
    view->addAction(tr("Play &forward"), QKeySequence(Qt::Key_L), m_timeline->view(),
                    &TimelineView::playForward);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Kinora Studio"), this, [this] {
        QMessageBox::about(this, tr("About Kinora Studio"),
                           tr("Kinora Studio %1\nAI video generation on your own machine.")
                               .arg(QStringLiteral(KINORA_UI_VERSION)));
    });
}

void MainWindow::buildRecentMenu() {
    m_recentMenu->clear();
    const QStringList files = QSettings().value(QStringLiteral("recentFiles")).toStringList();
    for (const QString& f : files)
        m_recentMenu->addAction(QFileInfo(f).fileName(), this, [this, f] { openProject(f); })
            ->setToolTip(f);
    m_recentMenu->setEnabled(!files.isEmpty());
}

void MainWindow::addRecentFile(const QString& path) {
    QSettings s;
    QStringList files = s.value(QStringLiteral("recentFiles")).toStringList();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    files.removeAll(absolute);
    files.prepend(absolute);
    while (files.size() > 8) files.removeLast();
    s.setValue(QStringLiteral("recentFiles"), files);
    buildRecentMenu();
}

void MainWindow::updateTitle() {
    setWindowTitle(tr("%1[*] - Kinora Studio").arg(m_document->displayName()));
    setWindowModified(m_document->isModified());
}

void MainWindow::updateActions() {
    const bool any = !m_storyboard->selectedShotIds().isEmpty();
    m_duplicateAction->setEnabled(any);
    m_deleteAction->setEnabled(any);
    m_generateAction->setEnabled(any);
}

void MainWindow::selectionChanged() {
    const QStringList ids = m_storyboard->selectedShotIds();
    m_inspector->setShot(ids.isEmpty() ? QString() : ids.first());
    updateActions();
    if (ids.isEmpty() || isGenerating()) return;
    // Bring the playhead to the shot (its start) unless it is already in it (a click on
    // the timeline scrubs there and selects the shot), so the preview shows the shot.
    const auto& shots = m_document->project().shots;
    int start = 0, index = 0;
    for (const auto& s : shots) {
        if (QString::fromStdString(s.id) == ids.first()) break;
        start += s.duration;
        ++index;
    }
    int at = -1, local = 0;
    m_timeline->view()->locate(m_timeline->view()->playheadFrame(), &at, &local);
    if (at != index) m_timeline->view()->setPlayheadFrame(start);
    showPlayheadFrame();
}

void MainWindow::showPlayheadFrame() {
    if (isGenerating()) return;
    int shot = 0, local = 0;
    if (!m_timeline->view()->locate(m_timeline->view()->playheadFrame(), &shot, &local)) {
        m_caption.clear();
        m_preview->showStep({}, QString());
        return;
    }
    const QImage frame = m_timeline->view()->frameAtPlayhead();
    m_caption = frame.isNull() ? tr("Shot %1 has no take yet: press Generate.").arg(shot + 1)
                               : tr("Shot %1, frame %2").arg(shot + 1).arg(local + 1);
    m_preview->showStep(frame.isNull() ? QVector<QImage>{} : QVector<QImage>{frame}, m_caption);
}

void MainWindow::addShot() {
    const QStringList ids = m_storyboard->selectedShotIds();
    const auto& p = m_document->project();
    int row = static_cast<int>(p.shots.size());
    if (!ids.isEmpty()) row = p.shotIndex(ids.last().toStdString()) + 1;
    project::Shot shot;
    shot.seed = QRandomGenerator::global()->bounded(2147483647u);
    if (m_document->apply(project::AddShot{row, shot})) {
        m_storyboard->selectShotIds(
            {QString::fromStdString(m_document->project().shots[std::size_t(row)].id)});
        selectionChanged();
        m_inspector->focusPrompt();  // a new shot starts with what happens in it
    }
}

void MainWindow::duplicateShots() {
    const QStringList ids = m_storyboard->selectedShotIds();
    if (ids.isEmpty()) return;
    auto* undo = m_document->undoStack();
    undo->beginMacro(tr("Duplicate %n shots", nullptr, int(ids.size())));
    int insertAt = m_document->project().shotIndex(ids.last().toStdString()) + 1;
    QStringList added;
    for (const QString& id : ids) {
        const int i = m_document->project().shotIndex(id.toStdString());
        project::Shot copy = m_document->project().shots[std::size_t(i)];
        copy.id.clear();  // a fresh id; the takes (and their files) are shared
        if (m_document->apply(project::AddShot{insertAt, copy}))
            added << QString::fromStdString(m_document->project().shots[std::size_t(insertAt)].id);
        ++insertAt;
    }
    undo->endMacro();
    m_storyboard->selectShotIds(added);
}

void MainWindow::deleteShots() {
    const QStringList ids = m_storyboard->selectedShotIds();
    if (ids.isEmpty()) return;
    auto* undo = m_document->undoStack();
    undo->beginMacro(tr("Delete %n shots", nullptr, int(ids.size())));
    for (const QString& id : ids) {
        const int i = m_document->project().shotIndex(id.toStdString());
        if (i >= 0) m_document->apply(project::RemoveShot{i});
    }
    undo->endMacro();
}

bool MainWindow::applySigner(const StudioSettings& settings, QString* why) {
#ifdef KINORA_HAVE_C2PA
    c2pa::SignerSettings s = c2pa::SignerSettings::fromEnvironment();
    if (!settings.signingCert.isEmpty() || !settings.signingKey.isEmpty()) {
        s.certPath = settings.signingCert.toStdString();
        s.keyPath = settings.signingKey.toStdString();
        try {
            c2pa::loadCredentials(s);  // refuse a bad certificate now, not at export
        } catch (const std::exception& e) {
            if (why) *why = QString::fromStdString(e.what());
            return false;
        }
    }
    c2pa::setDefaultSigner(s);
#else
    (void)settings;
    (void)why;
#endif
    return true;
}

void MainWindow::editProjectSettings() {
    ProjectSettingsDialog dialog(m_document->project(), this);
    dialog.setModelChoices(m_settings.models);
    dialog.setCanvasPresets(m_presetNames, m_presetSizes);
    if (dialog.exec() == QDialog::Accepted) applyProjectSettings(dialog.info());
}

bool MainWindow::applyProjectSettings(const project::SetProjectInfo& info) {
    const project::Project& now = m_document->project();
    project::Project next = now;
    next.name = info.name;
    next.canvas = info.canvas;
    next.settings = info.settings;
    if (next == now) return true;  // nothing changed: no undo step
    QString error;
    if (m_document->apply(info, {}, &error)) {
        followProjectModel();
        return true;
    }
    showError(tr("The project settings were not changed: %1").arg(error));
    return false;
}

void MainWindow::editSettings() {
    SettingsDialog dialog(m_settings, this);
    if (dialog.exec() != QDialog::Accepted) return;
    const StudioSettings next = dialog.settings();
    if (next == m_settings) return;
    const bool reload = next.modelDir != m_settings.modelDir ||
                        next.threads != m_settings.threads || next.device != m_settings.device;
    if (next.signingCert != m_settings.signingCert || next.signingKey != m_settings.signingKey) {
        QString why;
        if (!applySigner(next, &why)) {
            showError(tr("The signing certificate was not changed: %1").arg(why));
            return;
        }
    }
    m_settings = next;
    m_settings.save();
    m_autosave.stop();
    if (m_settings.autosaveSeconds > 0) m_autosave.start(m_settings.autosaveSeconds * 1000);
    applyPromptFilter();
    if (reload) {
        m_modelOverride.clear();
        stopWorker();
        startWorker();
    }
}

QString MainWindow::statusText() const {
    return m_status->text();
}

void MainWindow::applyPromptFilter() {
    // The word list the engine screens with, so refusals are marked while typing.
    try {
        m_inspector->setPromptFilter(
            m_settings.promptList.isEmpty()
                ? safety::PromptFilter::builtIn()
                : safety::PromptFilter::fromFile(m_settings.promptList.toStdString()));
    } catch (const std::exception&) {
        // The engine reports the unreadable list when it loads; the built-in one marks here.
        m_inspector->setPromptFilter(safety::PromptFilter::builtIn());
    }
}

bool MainWindow::saveScreenshot(const QString& path) {
    return grab().save(path, "PNG");
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    m_document->discardAutosave();
    stopWorker();
    event->accept();
}

}  // namespace kinora::ui
