#pragma once

#include <QString>
#include <QWidget>
#include <vector>

#include "pipeline/generation.h"
#include "safety/prompt_filter.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QToolButton;

namespace kinora::ui {

class ProjectDocument;
class PromptEditor;
class TakeCache;

/// @brief Edits the current shot: prompt (with @Name highlighting and completion),
/// negative prompt, length, seed (and whether it stays for the next take), mode, input
/// images, continuity, the shot's own LoRA files, and its takes side by side (a strip of
/// thumbnails; a click chooses the one the cut uses). Problems that would stop a
/// generation (no prompt, an unknown @Name, a refused word, continuing from nothing) are
/// marked as you type.
/// Every change is an undoable edit of the document; typing in one field merges into one
/// undo entry. GUI thread only.
class ShotInspector : public QWidget {
    Q_OBJECT
public:
    explicit ShotInspector(ProjectDocument* document, TakeCache* takes = nullptr,
                           QWidget* parent = nullptr);

    /// @brief Shows the shot with this id (empty: none).
    void setShot(const QString& shotId);
    QString shotId() const { return m_shotId; }
    PromptEditor* promptEditor() const { return m_prompt; }
    QLineEdit* lorasEdit() const { return m_loras; }
    QPushButton* generateButton() const { return m_generate; }
    QCheckBox* continuousBox() const { return m_continuous; }
    QCheckBox* seedLockBox() const { return m_seedLock; }
    QListWidget* takeStrip() const { return m_takeStrip; }
    /// @brief The warning under the prompt (empty when there is none).
    QString warningText() const;
    /// @brief The word list prompts are screened with (the engine's, per Settings).
    void setPromptFilter(safety::PromptFilter filter);
    /// @brief The filter's message when `prompt` (after @Name expansion) would be refused.
    QString refusal(const QString& prompt) const;
    /// @brief Puts the cursor in the prompt (after Add shot).
    void focusPrompt();
    /// @brief The loaded model and the modes it makes (ModelInfo::modes): the others are
    /// greyed in the mode list with the reason as their tooltip, "continues the previous
    /// shot" needs extension, and a shot set to a mode the model does not make is warned
    /// about. An empty name: the model is not known yet, and every mode is offered.
    void setModelModes(const QString& modelName, const std::vector<GenerationMode>& modes);
    /// @brief Whether the loaded model makes shots of this mode (true while it is unknown).
    bool modelMakes(GenerationMode mode) const;
    QComboBox* modeBox() const { return m_mode; }

signals:
    void generateRequested(const QString& shotId);
    /// @brief An image input was chosen from a file: the studio copies it into the project.
    void imageChosen(const QString& shotId, const QString& path, bool lastImage);

private:
    /// Every field's edit becomes an undoable change of the shot (`dice` draws a seed).
    void connectEdits(QToolButton* dice);
    void refresh();
    int shotIndex() const;
    /// Applies `edit` to a copy of the shot and pushes it (merging under `key`).
    template <typename Edit>
    void editShot(const QString& key, Edit edit);

    void refreshTakes(int index);
    ProjectDocument* m_document;
    TakeCache* m_takes;
    safety::PromptFilter m_filter = safety::PromptFilter::builtIn();
    QString m_shotId;
    bool m_refreshing = false;
    QString m_modelName;  ///< empty: not known yet
    std::vector<GenerationMode> m_modelModes;
    QLabel* m_title;
    PromptEditor* m_prompt;
    QLabel* m_warning;
    QLineEdit* m_negative;
    QLineEdit* m_loras;
    QSpinBox* m_frames;
    QLabel* m_seconds;
    QSpinBox* m_seed;
    QCheckBox* m_seedLock;
    QComboBox* m_mode;
    QLabel* m_firstImage;
    QLabel* m_lastImage;
    QPushButton* m_chooseFirst;
    QPushButton* m_chooseLast;
    QCheckBox* m_continuous;
    QListWidget* m_takeStrip;
    QPushButton* m_generate;
};

}  // namespace kinora::ui
