#pragma once

#include <QDialog>
#include <QString>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QRadioButton;

namespace kinora::ui {

/// @brief What to export, where, in which format.
struct ExportChoice {
    enum class Scope { Film, SelectedShot, Timeline };
    enum class Format { Mp4H264, MovProRes, MovDnxhr, PngSequence };
    Scope scope = Scope::Film;
    Format format = Format::Mp4H264;
    QString path;  ///< a file (.mp4, .mov), a PNG pattern (".../%04d.png"), or a folder (Timeline)
    /// Timeline: the formats ("fcpxml", "xmeml", "edl", "otio", "mlt", "kdenlive",
    /// "shotcut") and the rate.
    QStringList timelineFormats;
    QString rate = QStringLiteral("24");
    /// Timeline media: "h264", "prores" (ProRes 422 HQ) or "dnxhr" (DNxHR HQ). Timeline
    /// media and video files: an upscale to `lines` picture height (0: the canvas; the
    /// width follows the canvas proportions) with the filter "lanczos", "bicubic", "nearest".
    QString codec = QStringLiteral("prores");
    int lines = 0;
    QString scale = QStringLiteral("lanczos");
    /// Timeline: where the editing machine sees the export folder (empty: where it is
    /// written); FCPXML and FCP7 XML name their media there.
    QString mediaRoot;

    /// @brief The output path for `base` in this format ("film.mp4", "film/%04d.png").
    static QString pathFor(const QString& base, Format format);
};

/// @brief Chooses an export: the whole cut or the selected shot's take as a video, or the
/// cut as a timeline for editing software (media conformed to a standard rate plus
/// FCPXML, FCP7 XML, EDL, OpenTimelineIO, MLT), and the destination.
class ExportDialog : public QDialog {
    Q_OBJECT
public:
    ExportDialog(const QString& suggestedBase, bool haveSelectedShot, QWidget* parent = nullptr);
    ExportChoice choice() const;
    /// @brief Chooses what to export (as a click on its option would).
    void setScope(ExportChoice::Scope scope);
    /// @brief Types a destination (as the user would).
    void setPath(const QString& path);
    /// @brief Whether the option of `scope` can be chosen.
    bool offers(ExportChoice::Scope scope) const;
    /// @brief The timeline formats' boxes can be ticked (only for a timeline).
    bool timelineOptionsEnabled() const;

private:
    void formatChanged();
    void scopeChanged();
    QRadioButton* m_film;
    QRadioButton* m_shot;
    QRadioButton* m_timeline;
    QComboBox* m_format;
    QComboBox* m_rate;
    QComboBox* m_codec;
    QComboBox* m_size;
    QComboBox* m_scale;
    QList<QCheckBox*> m_timelineFormats;
    QLineEdit* m_path;
    QLineEdit* m_mediaRoot;
    QString m_base;
};

}  // namespace kinora::ui
