#pragma once

#include <QHash>
#include <QImage>
#include <QWidget>

#include "project/project.h"

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace kinora::ui {

class ProjectDocument;

/// @brief The character library: list with swatches, and an editor for the selected one
/// (name, appearance in world words, reference image, seed, a rendered swatch of how the
/// model is shown it). Renaming rewrites every @mention; all edits are undoable.
/// GUI thread only.
class CharactersPanel : public QWidget {
    Q_OBJECT
public:
    explicit CharactersPanel(ProjectDocument* document, QWidget* parent = nullptr);

    /// @brief Adds a character with a fresh name (undoable) and selects it.
    void addCharacter();
    void removeSelected();
    int selectedIndex() const;
    void selectIndex(int index);
    /// @brief The swatch shown for the selected character (tests).
    QImage swatch() const { return m_swatchImage; }

signals:
    /// @brief A reference image was chosen: the studio copies it into the project.
    void referenceChosen(const QString& characterId, const QString& path);

private:
    void refreshList();
    void refreshEditor();
    template <typename Edit>
    void editCharacter(const QString& key, Edit edit);
    /// The look the model is shown (world rendering or reference image), cached by what
    /// it depends on; null with `error` set when it cannot be drawn.
    QImage swatchFor(const project::Character& c, QString* error);

    ProjectDocument* m_document;
    bool m_refreshing = false;
    QListWidget* m_list;
    QLineEdit* m_name;
    QLineEdit* m_appearance;
    QLabel* m_reference;
    QSpinBox* m_seed;
    QLabel* m_swatch;
    QLabel* m_message;
    QPushButton* m_remove;
    QImage m_swatchImage;
    QHash<QString, QImage> m_swatches;
};

}  // namespace kinora::ui
