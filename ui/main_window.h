#pragma once

#include <QMainWindow>
#include <QMessageBox>
#include <QStringList>
#include <QThread>
#include <QTimer>
#include <QVector>

#include <functional>
#include <optional>

#include "export_dialog.h"
#include "inference_worker.h"
#include "job_queue.h"
#include "project/operations.h"
#include "settings_dialog.h"
#include "take_cache.h"

class QAction;
class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;

namespace kinora::ui {

class CharactersPanel;
class PlotsPanel;
class PreviewView;
class ProjectDocument;
class QueuePanel;
class ShotInspector;
class StepPlot;
class StoryboardModel;
class StoryboardView;
class TimelinePanel;

/// @brief The studio window over one project: storyboard of shot cards, the shot
/// inspector (prompt editor), the character library, the live denoising preview, the
/// timeline and the plots. GUI thread only; generation runs on the inference worker.
/// Split by area: main_window.cpp (layout, menus), main_window_generation.cpp (jobs),
/// main_window_files.cpp (open, save, autosave, import, export).
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(const QString& modelDir = {}, QWidget* parent = nullptr);
    ~MainWindow() override;

    ProjectDocument* document() const { return m_document; }
    StoryboardView* storyboard() const { return m_storyboard; }
    StoryboardModel* storyboardModel() const { return m_storyboardModel; }
    ShotInspector* inspector() const { return m_inspector; }
    CharactersPanel* characters() const { return m_characters; }
    TimelinePanel* timeline() const { return m_timeline; }
    PreviewView* preview() const { return m_preview; }
    StepPlot* stepPlot() const;
    PlotsPanel* plots() const { return m_plots; }
    QueuePanel* queuePanel() const { return m_queuePanel; }
    /// @brief The status line under the preview: the running job, else the latest message
    /// while it is still true (an error about a name that now exists is gone).
    QString statusText() const;
    /// @brief The line beside the progress bar ("step 3 / 12, 0:07 left").
    QString stepText() const;
    /// @brief The caption over the preview.
    QString previewCaption() const;
    /// @brief Every generation of this session (the queue panel's lines).
    const QVector<QueueEntry>& jobs() const { return m_jobs; }
    /// @brief Applies the Project settings dialog's edit as one undo step; nothing (and no
    /// undo step) when it changes nothing. False, with the reason shown, when refused.
    bool applyProjectSettings(const project::SetProjectInfo& info);
    bool isGenerating() const { return m_runningJob != 0; }
    /// @brief The model the studio loads for the open project: --model if given, else the
    /// project's own, else the default of Settings (empty: the embedded one).
    QString wantedModel() const;
    /// @brief The model the inference worker was started with.
    QString loadedModel() const { return m_loadedModel; }
    /// @brief The loaded model's canvases (names, sizes), as it reported them.
    const QStringList& canvasPresetNames() const { return m_presetNames; }

    /// @brief What File > New starts from: one text-to-video shot, ready to generate.
    static project::Project starterProject();
    /// @brief Opens a project (asks about unsaved changes first). False on failure.
    bool openProject(const QString& path);
    /// @brief Renders the window to a PNG (the --screenshot option).
    bool saveScreenshot(const QString& path);

    /// @brief Image files dropped at storyboard row `row`: each readable image becomes a
    /// new image-to-video shot whose first frame is a copy of it in the project's
    /// `inputs/` folder; anything else gets a clear message. Returns shots added.
    int addImageShots(const QStringList& paths, int row);
    /// @brief Copies a file into the project's `inputs/` folder (unique name); returns the
    /// relative path, or an empty string with `error` set when it is not a readable image.
    QString importImage(const QString& path, QString* error);

    /// @brief Queues generation of these shots (in this order); each result becomes a new
    /// selected take (one undo entry per take).
    void generateShots(const QStringList& shotIds);
    /// @brief Every shot without a selected take, extend-backward ones after the rest.
    void generateMissing();
    /// @brief Cancels one job of the queue: a queued one never starts, a running one stops
    /// and the next starts.
    void cancelJob(quint64 key);

    /// @brief Exports the cut as a timeline with its media (off the GUI thread); the
    /// outcome lands in the status line.
    void exportTimeline(const ExportChoice& choice);
    /// @brief Exports the cut or the selected shot's take as one video (H.264 MP4, ProRes or
    /// DNxHR MOV, upscaled when asked) or a PNG sequence (off the GUI thread); the outcome
    /// lands in the status line.
    void exportClip(const ExportChoice& choice);
    /// @brief Runs the export dialog's choice; shots without a take are offered for
    /// generation first (asked with the Question), and the export then runs when they are
    /// done, with the same choice.
    void runExport(const ExportChoice& choice);

    /// @brief What a video file's content credentials (C2PA) say, as a few lines of text:
    /// valid or invalid and why, who signed it, how it was made.
    static QString provenanceReport(const QString& file);
    /// @brief A message of the engine in the studio's words: shots by number, never by
    /// internal id ("shot 2 (shot-2)" reads "Shot 2").
    static QString inStudioWords(QString message);
    /// @brief Asks for a video and shows its provenanceReport().
    void checkProvenance();

    /// @brief How the window asks about unsaved changes (tests replace the dialog).
    using UnsavedPrompt = std::function<QMessageBox::StandardButton(const QString& name)>;
    void setUnsavedPrompt(UnsavedPrompt prompt) { m_unsavedPrompt = std::move(prompt); }
    /// @brief How the window asks a yes/no question (tests replace the dialog).
    using Question = std::function<bool(const QString& text)>;
    void setQuestion(Question question) { m_question = std::move(question); }
    /// @brief Asks about unsaved changes; true when it is fine to go on (saved or discarded).
    bool maybeSave();
    /// @brief Offers the autosaves a crashed session left; `ask` decides per file (the
    /// default asks with a dialog). Returns the number restored (at most one is opened).
    int offerRecovery(const std::function<bool(const QString& file)>& ask = {});

public slots:
    void newProject();
    void open();
    bool save();
    bool saveAs();
    void exportMedia();
    void generateSelected();
    void cancel();
    void addShot();
    void duplicateShots();
    void deleteShots();
    void editSettings();
    void editProjectSettings();

signals:
    /// @brief Emitted when a job ends, however it ends (tests wait on it).
    void jobEnded();
    /// @brief Emitted when the queue of shots to generate is empty again.
    void queueFinished();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildUi();
    void buildMenus();
    void buildRecentMenu();
    void addRecentFile(const QString& path);
    void updateTitle();
    void updateActions();
    void selectionChanged();
    void showPlayheadFrame();
    void applyPromptFilter();
    /// Runs `work` on a pool thread; its outcome (doneMessage, or the error) lands in the
    /// status line on the GUI thread.
    void exportInBackground(std::function<void()> work, const QString& doneMessage);
    /// The numbers of the shots the choice needs that have no take.
    QList<int> shotsWithoutTake(const ExportChoice& choice) const;

    // main_window_generation.cpp
    void startWorker();
    void stopWorker();
    /// @brief Restarts the worker when the open project wants another model.
    void followProjectModel();
    void startNextJob();
    void onFinished(const JobResult& result);
    void onJobOver();
    void setBusy(bool busy);
    /// Why a shot cannot be generated as it is (no prompt, an unknown @Name, continuing
    /// with nothing before it), in the studio's words; empty when it can.
    QString shotProblem(int index) const;

    // The one state every job view is drawn from (queue panel, step line, status line,
    // preview caption, storyboard cards).
    struct Message {
        enum class Kind { Info, Error, ModelError };
        std::function<QString()> text;
        /// Still true? A message whose condition passed is dropped (re-checked on edits).
        std::function<bool()> valid;
        Kind kind = Kind::Info;
    };
    void setMessage(const QString& text, Message::Kind kind = Message::Kind::Info,
                    std::function<bool()> valid = {});
    void setMessage(Message message);
    void showError(const QString& message, std::function<bool()> valid = {});
    void refreshJobViews();
    QueueEntry* entry(quint64 key);
    QueueEntry* runningEntry();
    /// "Shot 3", by the shot's number now (0: deleted).
    int shotNumber(const QString& shotId) const;

    ProjectDocument* m_document = nullptr;
    TakeCache m_takes;
    StudioSettings m_settings;
    /// @brief Makes `settings`' certificate the signer of content credentials; false (with
    /// the reason) when it cannot sign, leaving the signer as it was.
    bool applySigner(const StudioSettings& settings, QString* why);
    QString m_modelOverride;               ///< --model, wins over the settings
    QString m_loadedModel;                 ///< what the worker was started with
    std::optional<ModelInfo> m_modelInfo;  ///< the loaded model, once it reported
    QStringList m_presetNames;
    QList<QSize> m_presetSizes;

    QThread m_thread;
    InferenceWorker* m_worker = nullptr;
    QVector<QueueEntry> m_jobs;  ///< this session's generations, in order
    quint64 m_nextKey = 1;
    quint64 m_runningKey = 0;  ///< entry of the running job
    quint64 m_runningJob = 0;  ///< the worker's id of it
    /// Entries of the current run of the queue (since it was last empty): "shot 2 of 3".
    QVector<quint64> m_batch;
    /// Bumped when another project replaces the open one: jobs of the old one land nowhere.
    int m_documentGeneration = 0;
    quint64 m_jobDocumentGeneration = 0;
    Message m_message;
    QString m_caption;
    std::optional<ExportChoice> m_pendingExport;  ///< runs when the queue is done
    Question m_question;
    QTimer m_autosave;
    UnsavedPrompt m_unsavedPrompt;

    StoryboardModel* m_storyboardModel = nullptr;
    StoryboardView* m_storyboard = nullptr;
    ShotInspector* m_inspector = nullptr;
    CharactersPanel* m_characters = nullptr;
    TimelinePanel* m_timeline = nullptr;
    PreviewView* m_preview = nullptr;
    PlotsPanel* m_plots = nullptr;
    QueuePanel* m_queuePanel = nullptr;
    QLabel* m_stepLabel = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_cancel = nullptr;
    QLabel* m_status = nullptr;
    QMenu* m_recentMenu = nullptr;
    QAction* m_generateAction = nullptr;
    QAction* m_generateMissingAction = nullptr;
    QAction* m_cancelAction = nullptr;
    bool m_firstContinuous = false;  ///< shot 1 continued nothing at the last edit
    QAction* m_duplicateAction = nullptr;
    QAction* m_deleteAction = nullptr;
};

}  // namespace kinora::ui
