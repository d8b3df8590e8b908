#pragma once

#include <QDialog>
#include <QString>

class QComboBox;
class QLineEdit;
class QRadioButton;

namespace kinora::ui {

/// @brief What to export, where, in which format.
struct ExportChoice {
    enum class Scope { Film, SelectedShot };
    enum class Format { Mp4H264, PngSequence };
    Scope scope = Scope::Film;
    Format format = Format::Mp4H264;
    QString path;  ///< a file (.mp4) or a PNG pattern (".../%04d.png")

    /// @brief The output path for `base` in this format ("film.mp4", "film/%04d.png").
    static QString pathFor(const QString& base, Format format);
};

/// @brief Chooses an export: the whole cut or the selected shot's take, the format (the
/// formats this build can write), and the destination.
class ExportDialog : public QDialog {
    Q_OBJECT
public:
    ExportDialog(const QString& suggestedBase, bool haveSelectedShot, QWidget* parent = nullptr);
    ExportChoice choice() const;

private:
    void formatChanged();
    QRadioButton* m_film;
    QRadioButton* m_shot;
    QComboBox* m_format;
    QLineEdit* m_path;
};

}  // namespace kinora::ui
