#pragma once

#include <QMainWindow>
#include <QThread>
#include <QVector>

#include <optional>

#include "inference_worker.h"
#include "pipeline/image.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace kinora::ui {

class PreviewView;
class StepPlot;

/// @brief The studio window: prompt, generation settings, live denoising preview,
/// playback and the per-step plot. GUI thread only; generation runs on the worker.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(const QString& modelDir = {}, QWidget* parent = nullptr);
    ~MainWindow() override;

    /// @brief Builds a request from the controls (for tests and the Generate button).
    GenerationRequest currentRequest() const;
    /// @brief Uses the image file at `path` as first frame; false (and a message shown)
    /// when it is not a readable image.
    bool setFirstFrameFromFile(const QString& path);
    bool hasFirstFrame() const { return m_firstFrame.has_value(); }
    PreviewView* preview() const { return m_preview; }
    StepPlot* stepPlot() const { return m_plot; }
    QString statusText() const;

public slots:
    void generate();
    void cancel();
    void saveClipAs();

signals:
    /// @brief Emitted when a job ends, however it ends (tests wait on it).
    void jobEnded();

private:
    void buildUi();
    void buildMenus();
    void startWorker(const QString& modelDir);
    void stopWorker();
    void setBusy(bool busy);
    void showError(const QString& message);

    QThread m_thread;
    InferenceWorker* m_worker = nullptr;
    quint64 m_currentJob = 0;
    std::optional<Image> m_firstFrame;
    QString m_modelDir;
    QVector<QImage> m_lastClip;
    int m_lastFps = 8;

    QPlainTextEdit* m_prompt = nullptr;
    QLineEdit* m_negative = nullptr;
    QSpinBox* m_seed = nullptr;
    QCheckBox* m_randomSeed = nullptr;
    QSpinBox* m_steps = nullptr;
    QDoubleSpinBox* m_guidance = nullptr;
    QComboBox* m_frames = nullptr;
    QComboBox* m_canvas = nullptr;
    QLabel* m_firstFrameLabel = nullptr;
    QPushButton* m_generate = nullptr;
    QPushButton* m_cancel = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    PreviewView* m_preview = nullptr;
    StepPlot* m_plot = nullptr;
};

}  // namespace kinora::ui
