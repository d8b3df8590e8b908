#pragma once

#include <QString>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QToolButton;

namespace kinora::ui {

class ProjectDocument;
class PromptEditor;

/// @brief Edits the current shot: prompt (with @Name highlighting and completion),
/// negative prompt, length, seed, mode, input images, continuity, the shot's own LoRA files
/// and which take is used.
/// Every change is an undoable edit of the document; typing in one field merges into one
/// undo entry. GUI thread only.
class ShotInspector : public QWidget {
    Q_OBJECT
public:
    explicit ShotInspector(ProjectDocument* document, QWidget* parent = nullptr);

    /// @brief Shows the shot with this id (empty: none).
    void setShot(const QString& shotId);
    QString shotId() const { return m_shotId; }
    PromptEditor* promptEditor() const { return m_prompt; }
    QLineEdit* lorasEdit() const { return m_loras; }
    QPushButton* generateButton() const { return m_generate; }

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

    ProjectDocument* m_document;
    QString m_shotId;
    bool m_refreshing = false;
    QLabel* m_title;
    PromptEditor* m_prompt;
    QLabel* m_warning;
    QLineEdit* m_negative;
    QLineEdit* m_loras;
    QSpinBox* m_frames;
    QLabel* m_seconds;
    QSpinBox* m_seed;
    QComboBox* m_mode;
    QLabel* m_firstImage;
    QLabel* m_lastImage;
    QPushButton* m_chooseFirst;
    QPushButton* m_chooseLast;
    QCheckBox* m_continuous;
    QComboBox* m_take;
    QPushButton* m_generate;
};

}  // namespace kinora::ui
