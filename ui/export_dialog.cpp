#include "export_dialog.h"

#include <algorithm>

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

#include "media/clip_writer.h"

namespace kinora::ui {

QString ExportChoice::pathFor(const QString& base, Format format) {
    QString stem = base;
    if (stem.endsWith(QLatin1String(".mp4")) || stem.endsWith(QLatin1String(".mov"))) stem.chop(4);
    if (stem.endsWith(QLatin1String("/%04d.png"))) stem.chop(9);
    switch (format) {
        case Format::Mp4H264:
            return stem + QStringLiteral(".mp4");
        case Format::MovProRes:
        case Format::MovDnxhr:
            return stem + QStringLiteral(".mov");
        case Format::PngSequence:
            break;
    }
    return stem + QStringLiteral("/%04d.png");
}

ExportDialog::ExportDialog(const QString& suggestedBase, bool haveSelectedShot, QWidget* parent)
    : QDialog(parent), m_base(suggestedBase) {
    setWindowTitle(tr("Export"));
    auto* form = new QFormLayout(this);
    auto* scope = new QVBoxLayout;
    m_film = new QRadioButton(tr("The whole cut (selected takes, in storyboard order)"));
    m_shot = new QRadioButton(tr("The selected shot's take"));
    m_timeline = new QRadioButton(tr("The cut as a timeline for editing software"));
    m_film->setChecked(true);
    m_shot->setEnabled(haveSelectedShot);
    m_timeline->setEnabled(canWriteMp4());
    scope->addWidget(m_film);
    scope->addWidget(m_shot);
    scope->addWidget(m_timeline);
    form->addRow(tr("What"), scope);
    m_format = new QComboBox;
    if (canWriteMp4()) {
        m_format->addItem(tr("H.264 MP4 (yuv420p, BT.709)"), int(ExportChoice::Format::Mp4H264));
        m_format->addItem(tr("ProRes 422 HQ MOV (10-bit 4:2:2)"),
                          int(ExportChoice::Format::MovProRes));
        m_format->addItem(tr("DNxHR HQ MOV (at least 256 x 120)"),
                          int(ExportChoice::Format::MovDnxhr));
    }
    m_format->addItem(tr("PNG sequence (lossless)"), int(ExportChoice::Format::PngSequence));
    form->addRow(tr("Format"), m_format);
    auto* formats = new QHBoxLayout;
    const std::pair<const char*, QString> timelineFormats[] = {
        {"fcpxml", tr("FCPXML 1.10 (Final Cut, Resolve)")},
        {"xmeml", tr("FCP7 XML (Premiere, Resolve)")},
        {"edl", tr("CMX3600 EDL (Avid)")},
        {"otio", tr("OpenTimelineIO (Resolve, Premiere)")},
        {"kdenlive", tr("Kdenlive project")},
        {"shotcut", tr("Shotcut project")},
        {"mlt", tr("MLT XML (melt)")}};
    auto* formatColumn = new QVBoxLayout;
    for (const auto& [id, label] : timelineFormats) {
        auto* box = new QCheckBox(label);
        box->setProperty("format", QString::fromLatin1(id));
        box->setChecked(true);
        m_timelineFormats << box;
        formatColumn->addWidget(box);
    }
    formats->addLayout(formatColumn);
    form->addRow(tr("Timelines"), formats);
    m_rate = new QComboBox;
    for (const char* r : {"23.976", "24", "25", "30"}) m_rate->addItem(QString::fromLatin1(r));
    m_rate->setCurrentIndex(1);
    m_rate->setToolTip(tr("The media are conformed to this rate; times are exact frames."));
    form->addRow(tr("Frame rate"), m_rate);
    m_codec = new QComboBox;
    m_codec->addItem(tr("ProRes 422 HQ (10-bit 4:2:2)"), QStringLiteral("prores"));
    m_codec->addItem(tr("DNxHR HQ (8-bit 4:2:2)"), QStringLiteral("dnxhr"));
    m_codec->addItem(tr("H.264 (4:2:0, small files)"), QStringLiteral("h264"));
    m_codec->setToolTip(tr("The media's codec, in MOV files with a timecode track and reel name."));
    form->addRow(tr("Media codec"), m_codec);
    m_size = new QComboBox;
    m_size->addItem(tr("The canvas size"), 0);
    for (int lines : {720, 1080, 2160}) m_size->addItem(tr("%1 lines high").arg(lines), lines);
    m_size->setToolTip(tr("Upscales the media on export; the width keeps the canvas proportions."));
    form->addRow(tr("Media size"), m_size);
    m_scale = new QComboBox;
    m_scale->addItem(tr("Lanczos (sharp)"), QStringLiteral("lanczos"));
    m_scale->addItem(tr("Bicubic (smooth)"), QStringLiteral("bicubic"));
    m_scale->addItem(tr("Nearest (hard pixels)"), QStringLiteral("nearest"));
    form->addRow(tr("Upscaling filter"), m_scale);
    m_mediaRoot = new QLineEdit;
    m_mediaRoot->setPlaceholderText(tr("Where it is written"));
    m_mediaRoot->setToolTip(
        tr("Where the editing machine will see the export folder (for example "
           "/Volumes/film/edit or D:/film/edit). FCPXML and FCP7 XML name their media there; "
           "OpenTimelineIO, EDL, MLT, Kdenlive and Shotcut name them relative to their file, "
           "so the folder can be moved as a whole."));
    form->addRow(tr("Media root"), m_mediaRoot);
    auto* pathRow = new QHBoxLayout;
    m_path = new QLineEdit;
    auto* browse = new QPushButton(tr("Browse..."));
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    form->addRow(tr("Destination"), pathRow);
    m_path->setText(ExportChoice::pathFor(suggestedBase,
                                          ExportChoice::Format(m_format->currentData().toInt())));
    connect(m_format, qOverload<int>(&QComboBox::currentIndexChanged), this,
            &ExportDialog::formatChanged);
    for (QRadioButton* b : {m_film, m_shot, m_timeline})
        connect(b, &QRadioButton::toggled, this, &ExportDialog::scopeChanged);
    connect(browse, &QPushButton::clicked, this, [this] {
        const auto format = ExportChoice::Format(m_format->currentData().toInt());
        QString path;
        if (m_timeline->isChecked()) {
            path = QFileDialog::getExistingDirectory(this, tr("Export the timeline into"));
        } else if (format == ExportChoice::Format::Mp4H264) {
            path = QFileDialog::getSaveFileName(this, tr("Export to"), m_path->text(),
                                                tr("H.264 video (*.mp4)"));
        } else if (format != ExportChoice::Format::PngSequence) {
            path = QFileDialog::getSaveFileName(this, tr("Export to"), m_path->text(),
                                                tr("QuickTime video (*.mov)"));
        } else {
            const QString dir = QFileDialog::getExistingDirectory(this, tr("Export frames into"));
            if (!dir.isEmpty()) path = dir + QStringLiteral("/%04d.png");
        }
        if (!path.isEmpty()) m_path->setText(path);
    });
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
    scopeChanged();
}

void ExportDialog::scopeChanged() {
    const bool timeline = m_timeline->isChecked();
    m_format->setEnabled(!timeline);
    m_rate->setEnabled(timeline);
    m_codec->setEnabled(timeline);
    const bool video = timeline || ExportChoice::Format(m_format->currentData().toInt()) !=
                                       ExportChoice::Format::PngSequence;
    m_size->setEnabled(video);
    m_scale->setEnabled(video);
    for (QCheckBox* b : m_timelineFormats) b->setEnabled(timeline);
    m_mediaRoot->setEnabled(timeline);
    // The destination typed so far stays: only its ending follows the choice.
    QString base = m_path->text().isEmpty() ? m_base : m_path->text();
    for (const QString& ending : {QStringLiteral(".mp4"), QStringLiteral(".mov"),
                                  QStringLiteral("/%04d.png"), QStringLiteral("-edit")})
        if (base.endsWith(ending)) base.chop(ending.size());
    if (timeline)
        m_path->setText(base + QStringLiteral("-edit"));
    else
        m_path->setText(
            ExportChoice::pathFor(base, ExportChoice::Format(m_format->currentData().toInt())));
}

void ExportDialog::setScope(ExportChoice::Scope scope) {
    (scope == ExportChoice::Scope::Timeline       ? m_timeline
     : scope == ExportChoice::Scope::SelectedShot ? m_shot
                                                  : m_film)
        ->setChecked(true);
}

void ExportDialog::setPath(const QString& path) {
    m_path->setText(path);
}

bool ExportDialog::offers(ExportChoice::Scope scope) const {
    return (scope == ExportChoice::Scope::Timeline       ? m_timeline
            : scope == ExportChoice::Scope::SelectedShot ? m_shot
                                                         : m_film)
        ->isEnabled();
}

bool ExportDialog::timelineOptionsEnabled() const {
    return m_rate->isEnabled() && m_codec->isEnabled() && m_mediaRoot->isEnabled() &&
           std::all_of(m_timelineFormats.begin(), m_timelineFormats.end(),
                       [](const QCheckBox* b) { return b->isEnabled(); });
}

void ExportDialog::formatChanged() {
    m_path->setText(ExportChoice::pathFor(m_path->text(),
                                          ExportChoice::Format(m_format->currentData().toInt())));
    scopeChanged();
}

ExportChoice ExportDialog::choice() const {
    ExportChoice c;
    c.scope = m_timeline->isChecked() ? ExportChoice::Scope::Timeline
              : m_shot->isChecked()   ? ExportChoice::Scope::SelectedShot
                                      : ExportChoice::Scope::Film;
    for (QCheckBox* b : m_timelineFormats)
        if (b->isChecked()) c.timelineFormats << b->property("format").toString();
    c.rate = m_rate->currentText();
    c.codec = m_codec->currentData().toString();
    c.lines = m_size->currentData().toInt();
    c.scale = m_scale->currentData().toString();
    c.mediaRoot = m_mediaRoot->text().trimmed();
    c.format = ExportChoice::Format(m_format->currentData().toInt());
    c.path = m_path->text().trimmed();
    return c;
}

}  // namespace kinora::ui
