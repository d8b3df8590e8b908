// MainWindow: project files (new, open, save, recovery), importing images, exporting.
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QLabel>
#include <QMessageBox>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStatusBar>
#include <QtConcurrent/QtConcurrent>

#include <cmath>

#include "export/storyboard_export.h"
#include "export_dialog.h"
#include "main_window.h"
#include "media/clip_writer.h"
#include "provenance/delivery.h"
#ifdef KINORA_HAVE_FFMPEG
#include "media/ffmpeg_video.h"
#endif
#include "media/image_import.h"
#include "project/render.h"
#include "project_document.h"
#ifdef KINORA_HAVE_C2PA
#include "provenance/c2pa.h"
#endif
#include "storyboard_view.h"

namespace kinora::ui {

namespace {

// The even width that keeps width:height for a picture `lines` high (an upscale on export).
int evenWidthForLines(int lines, int width, int height) {
    return 2 * static_cast<int>(std::lround(0.5 * lines * width / height));
}

}  // namespace

bool MainWindow::maybeSave() {
    if (!m_document->isModified()) return true;
    switch (m_unsavedPrompt(m_document->displayName())) {
        case QMessageBox::Save:
            return save();
        case QMessageBox::Discard:
            return true;
        default:
            return false;
    }
}

void MainWindow::newProject() {
    if (!maybeSave()) return;
    cancel();
    m_document->newProject(starterProject());
}

void MainWindow::open() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open project"), {},
                                                      tr("Kinora projects (*.kinora)"));
    if (!path.isEmpty()) openProject(path);
}

bool MainWindow::openProject(const QString& path) {
    if (!maybeSave()) return false;
    cancel();
    QString error;
    if (!m_document->open(path, &error)) {
        showError(error);
        return false;
    }
    addRecentFile(path);
    setMessage(
        tr("Opened %1: %2, %3")
            .arg(QFileInfo(path).fileName())
            .arg(tr("%n shots", nullptr, int(m_document->project().shots.size())))
            .arg(tr("%n characters", nullptr, int(m_document->project().characters.size()))));
    return true;
}

bool MainWindow::save() {
    if (m_document->isUntitled()) return saveAs();
    QString error;
    if (!m_document->save(&error)) {
        showError(error);
        return false;
    }
    statusBar()->showMessage(tr("Saved %1").arg(m_document->path()), 4000);
    return true;
}

bool MainWindow::saveAs() {
    // A running job writes its take into the project's current folder: the project moves
    // only between jobs.
    if (isGenerating()) {
        showError(
            tr("Save As waits until no shot is generating: let it finish or cancel it, "
               "then save as."));
        return false;
    }
    QString path = QFileDialog::getSaveFileName(
        this, tr("Save project as"), m_document->displayName(), tr("Kinora projects (*.kinora)"));
    if (path.isEmpty()) return false;
    if (!path.endsWith(QLatin1String(".kinora"))) path += QStringLiteral(".kinora");
    QString error;
    if (!m_document->saveAs(path, &error)) {
        showError(error);
        return false;
    }
    addRecentFile(path);
    statusBar()->showMessage(tr("Saved %1").arg(path), 4000);
    return true;
}

int MainWindow::offerRecovery(const std::function<bool(const QString&)>& ask) {
    const QStringList leftovers = ProjectDocument::leftoverAutosaves();
    for (const QString& file : leftovers) {
        const bool restore =
            ask ? ask(file)
                : QMessageBox::question(
                      this, tr("Recover unsaved work"),
                      tr("Kinora Studio did not close properly last time. Restore the "
                         "autosaved project from %1?")
                          .arg(QFileInfo(file).lastModified().toString()),
                      QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes) == QMessageBox::Yes;
        if (!restore) {
            QFile::remove(file);
            QFile::remove(file.left(file.size() - 7) + QStringLiteral(".json"));
            continue;
        }
        QString error;
        if (m_document->restoreAutosave(file, &error)) {
            setMessage(tr("Restored the autosaved project; save it to keep it."));
            return 1;
        }
        showError(error);
    }
    return 0;
}

QString MainWindow::importImage(const QString& path, QString* error) {
    const QString name = QFileInfo(path).fileName();
    try {
        (void)readImage(path.toStdString());  // a clear error for anything not an image
    } catch (const std::exception& e) {
        *error = tr("Cannot use %1 as an image: %2").arg(name, QString::fromStdString(e.what()));
        return {};
    }
    const QDir folder(m_document->folder());
    if (!folder.mkpath(QStringLiteral("inputs"))) {
        *error = tr("Cannot create %1").arg(folder.filePath(QStringLiteral("inputs")));
        return {};
    }
    // A name of its own in inputs/, never over an existing file.
    const QFileInfo info(path);
    QString safeBase = info.completeBaseName();
    safeBase.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_.-]")), QStringLiteral("_"));
    if (safeBase.isEmpty()) safeBase = QStringLiteral("image");
    QString rel;
    for (int n = 1;; ++n) {
        rel = QStringLiteral("inputs/%1%2.%3")
                  .arg(safeBase, n == 1 ? QString() : QStringLiteral("-%1").arg(n),
                       info.suffix().toLower());
        if (!QFileInfo::exists(folder.filePath(rel))) break;
    }
    if (!QFile::copy(path, folder.filePath(rel))) {
        *error = tr("Cannot copy %1 into the project").arg(name);
        return {};
    }
    return rel;
}

int MainWindow::addImageShots(const QStringList& paths, int row) {
    QStringList errors, inputs, added;
    for (const QString& path : paths) {
        QString error;
        const QString rel = importImage(path, &error);
        if (rel.isEmpty())
            errors << error;
        else
            inputs << rel;
    }
    if (!inputs.isEmpty()) {
        row = std::clamp(row, 0, static_cast<int>(m_document->project().shots.size()));
        auto* undo = m_document->undoStack();
        undo->beginMacro(tr("Add %n image shots", nullptr, int(inputs.size())));
        for (const QString& rel : inputs) {
            project::Shot shot;
            shot.mode = project::ShotMode::ImageToVideo;
            shot.inputs.firstImage = rel.toStdString();
            shot.seed = QRandomGenerator::global()->bounded(2147483647u);
            QString error;
            if (m_document->apply(project::AddShot{row, shot}, {}, &error)) {
                added << QString::fromStdString(m_document->project().shots[std::size_t(row)].id);
                ++row;
            } else {
                errors << error;
            }
        }
        undo->endMacro();
    }
    if (!added.isEmpty()) {
        m_storyboard->selectShotIds(added);
        setMessage(tr("Added %n image-to-video shots: write what happens, then Generate.", nullptr,
                      int(added.size())));
    }
    if (!errors.isEmpty()) showError(errors.join(QLatin1Char('\n')));
    return static_cast<int>(added.size());
}

void MainWindow::exportMedia() {
    const QStringList ids = m_storyboard->selectedShotIds();
    const QString base = m_document->isUntitled()
                             ? QDir::home().filePath(QStringLiteral("kinora-film"))
                             : QFileInfo(m_document->path()).absolutePath() + QLatin1Char('/') +
                                   QFileInfo(m_document->path()).completeBaseName();
    ExportDialog dialog(base, !ids.isEmpty(), this);
    if (dialog.exec() != QDialog::Accepted) return;
    runExport(dialog.choice());
}

QList<int> MainWindow::shotsWithoutTake(const ExportChoice& choice) const {
    QList<int> missing;
    const auto& shots = m_document->project().shots;
    if (choice.scope == ExportChoice::Scope::SelectedShot) {
        const QStringList ids = m_storyboard->selectedShotIds();
        const int i =
            ids.isEmpty() ? -1 : m_document->project().shotIndex(ids.first().toStdString());
        if (i >= 0 && shots[std::size_t(i)].selected() == nullptr) missing << i + 1;
        return missing;
    }
    for (std::size_t i = 0; i < shots.size(); ++i)
        if (shots[i].selected() == nullptr) missing << int(i) + 1;
    return missing;
}

void MainWindow::runExport(const ExportChoice& choice) {
    if (choice.path.isEmpty()) return showError(tr("Choose where to export to."));
    if (choice.scope == ExportChoice::Scope::SelectedShot &&
        m_storyboard->selectedShotIds().isEmpty())
        return showError(tr("Select the shot to export."));
    if (choice.scope == ExportChoice::Scope::Timeline && choice.timelineFormats.isEmpty())
        return showError(tr("Choose at least one timeline format."));
    // Shots without a take: offer to generate them; the export (this very choice) runs
    // when they are done.
    const QList<int> missing = shotsWithoutTake(choice);
    if (!missing.isEmpty()) {
        QStringList numbers;
        for (int n : missing) numbers << QString::number(n);
        const QString which = tr("%n shots have no take yet (%1).", nullptr, int(missing.size()))
                                  .arg(numbers.join(QStringLiteral(", ")));
        if (!m_question(which + QLatin1Char(' ') +
                        tr("Generate them now and export when they are done?"))) {
            setMessage(tr("Nothing was exported: %1").arg(which));
            return;
        }
        QStringList ids;  // extend-backward shots after the shots they extend
        for (int pass = 0; pass < 2; ++pass)
            for (int n : missing) {
                const auto& shot = m_document->project().shots[std::size_t(n - 1)];
                if ((shot.mode == project::ShotMode::ExtendBackward) == (pass == 1))
                    ids << QString::fromStdString(shot.id);
            }
        m_pendingExport = choice;
        generateShots(ids);
        if (!isGenerating()) m_pendingExport.reset();  // refused: the reason is shown
        return;
    }
    if (choice.scope == ExportChoice::Scope::Timeline) return exportTimeline(choice);
    exportClip(choice);
}

void MainWindow::exportClip(const ExportChoice& choice) {
    const QStringList ids = m_storyboard->selectedShotIds();
    if (choice.scope == ExportChoice::Scope::SelectedShot && ids.isEmpty())
        return showError(tr("Select the shot to export."));
    // Read the frames here (the document is GUI-thread only); encode on a pool thread.
    Clip clip;
    try {
        const std::string folder = m_document->folder().toStdString();
        if (choice.scope == ExportChoice::Scope::Film) {
            clip = project::assembleFilm(m_document->project(), folder);
        } else {
            const int i = m_document->project().shotIndex(ids.first().toStdString());
            const project::Take* take = m_document->project().shots[std::size_t(i)].selected();
            if (!take)
                return showError(tr("Shot %1 has no take yet: generate it first.").arg(i + 1));
            clip = project::readTake(*take, folder);
        }
    } catch (const std::exception& e) {
        return showError(tr("Cannot export: %1").arg(QString::fromStdString(e.what())));
    }
    const QString path = choice.path;
    setMessage(tr("Exporting %n frames to %1...", nullptr, int(clip.frames.size())).arg(path));
    if (choice.format == ExportChoice::Format::PngSequence ||
        (choice.format == ExportChoice::Format::Mp4H264 && choice.lines == 0)) {
        exportInBackground([clip, path] { writeClip(clip, path.toStdString()); },
                           tr("Exported %1").arg(path));
        return;
    }
#ifdef KINORA_HAVE_FFMPEG
    // A video for the edit: ProRes / DNxHR in MOV, or H.264, upscaled when asked.
    VideoEncoding encoding;
    encoding.codec = choice.format == ExportChoice::Format::MovProRes  ? VideoCodec::ProRes422HQ
                     : choice.format == ExportChoice::Format::MovDnxhr ? VideoCodec::DnxhrHQ
                                                                       : VideoCodec::H264;
    if (choice.lines > 0) {
        encoding.height = choice.lines;
        encoding.width = evenWidthForLines(choice.lines, clip.width(), clip.height());
    }
    encoding.scale = parseScaleFilter(choice.scale.toStdString());
    QDir().mkpath(QFileInfo(path).absolutePath());
    exportInBackground([clip, path, encoding] { writeVideo(clip, path.toStdString(), encoding); },
                       tr("Exported %1").arg(path));
#else
    showError(tr("This build has no FFmpeg: export a PNG sequence."));
#endif
}

void MainWindow::exportInBackground(std::function<void()> work, const QString& doneMessage) {
    auto* watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, doneMessage] {
        const QString error = watcher->result();
        if (error.isEmpty())
            setMessage(doneMessage);
        else
            showError(tr("Export failed: %1").arg(error));
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run([work = std::move(work)]() -> QString {
        try {
            work();
            return {};
        } catch (const std::exception& e) {
            return QString::fromStdString(e.what());
        }
    }));
}

void MainWindow::exportTimeline(const ExportChoice& choice) {
    std::vector<timeline::Format> formats;
    timeline::FrameRate rate;
    try {
        for (const QString& f : choice.timelineFormats)
            formats.push_back(timeline::parseFormat(f.toStdString()));
        rate = timeline::parseFrameRate(choice.rate.toStdString());
        // Refuse a cut with missing takes now, with the shot's name, before any work.
        timeline::storyboardTimeline(m_document->project(), choice.path.toStdString(), rate);
    } catch (const std::exception& e) {
        return showError(tr("Cannot export: %1").arg(QString::fromStdString(e.what())));
    }
    if (formats.empty()) return showError(tr("Choose at least one timeline format."));
    // The document is GUI-thread only: the pool thread works on a copy.
    const project::Project snapshot = m_document->project();
    const std::string folder = m_document->folder().toStdString();
    const QString out = choice.path;
    timeline::MediaOptions media;
    media.codec = choice.codec.toStdString();
    if (choice.lines > 0) {
        const auto& canvas = snapshot.canvas;
        media.height = choice.lines;
        media.width = evenWidthForLines(choice.lines, canvas.width, canvas.height);
    }
    media.scale = choice.scale.toStdString();
    media.mediaRoot = choice.mediaRoot.toStdString();
    setMessage(tr("Exporting the timeline to %1...").arg(out));
    exportInBackground(
        [snapshot, folder, out, rate, formats, media] {
            timeline::exportStoryboard(snapshot, folder, out.toStdString(), rate, formats, media);
        },
        tr("Exported the timeline and its media to %1").arg(out));
}

QString MainWindow::provenanceReport(const QString& file) {
#ifdef KINORA_HAVE_C2PA
    const c2pa::VerifyReport r = c2pa::verifyFile(file.toStdString());
    QStringList lines;
    switch (r.state) {
        case c2pa::VerifyReport::State::Unreadable:
            lines << tr("Unreadable: not an MP4 or MOV file.");
            break;
        case c2pa::VerifyReport::State::NoManifest:
            lines << tr("No content credentials: nothing says where this file came from.");
            break;
        case c2pa::VerifyReport::State::Invalid:
            lines << tr(
                "Invalid: the file changed after it was signed, or its credentials are damaged.");
            break;
        case c2pa::VerifyReport::State::Valid:
            lines << (r.trusted ? tr("Valid, signed by a trusted certificate.")
                                : tr("Valid, but the signer is not on the trust list."));
            break;
    }
    if (r.state == c2pa::VerifyReport::State::Valid ||
        r.state == c2pa::VerifyReport::State::Invalid) {
        for (const std::string& f : r.failures)
            lines << QStringLiteral("  ") + QString::fromStdString(f);
        if (!r.claimGenerator.empty())
            lines << tr("Made with: %1").arg(QString::fromStdString(r.claimGenerator));
        for (const std::string& a : r.actions)
            lines << tr("Action: %1").arg(QString::fromStdString(a));
        for (uint32_t id : r.watermarkIds)
            lines << tr("Invisible watermark id: %1").arg(id, 8, 16, QLatin1Char('0'));
        if (!r.signer.empty()) lines << tr("Signed by: %1").arg(QString::fromStdString(r.signer));
    }
    return lines.join(QLatin1Char('\n'));
#else
    (void)file;
    return tr("This build has no content credentials support.");
#endif
}

void MainWindow::checkProvenance() {
    const QString file = QFileDialog::getOpenFileName(this, tr("Check content credentials"), {},
                                                      tr("Video (*.mp4 *.mov)"));
    if (file.isEmpty()) return;
    QMessageBox::information(this, tr("Content credentials"), provenanceReport(file));
}

}  // namespace kinora::ui
