#pragma once

#include <QDialog>
#include <QString>

class QComboBox;
class QLineEdit;
class QSpinBox;

namespace kinora::ui {

/// @brief The studio's settings, kept in QSettings.
struct StudioSettings {
    QString modelDir;  ///< empty: the embedded model
    int threads = 0;   ///< 0: automatic (every core, or OMP_NUM_THREADS)
    QString device = QStringLiteral("cpu");
    int autosaveSeconds = 60;
    QString promptList;  ///< JSON word list of the prompt filter; empty: the built-in one
    /// Content credentials (C2PA) signer: a PEM certificate chain and its EC private key;
    /// both empty: the local test CA made on first use.
    QString signingCert, signingKey;
    /// Shots that name a character: tries a window, keeping the one closest to the
    /// character's reference look (LongClipOptions::candidates, eval::matchLook). 1: off.
    int lookCandidates = 1;

    static StudioSettings load();
    void save() const;
    bool operator==(const StudioSettings& o) const {
        return modelDir == o.modelDir && threads == o.threads && device == o.device &&
               autosaveSeconds == o.autosaveSeconds && promptList == o.promptList &&
               signingCert == o.signingCert && signingKey == o.signingKey &&
               lookCandidates == o.lookCandidates;
    }
    bool operator!=(const StudioSettings& o) const { return !(*this == o); }
};

/// @brief Edits StudioSettings: model folder, threads, device, autosave interval, tries
/// per window, prompt word list, signer.
class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit SettingsDialog(const StudioSettings& settings, QWidget* parent = nullptr);
    StudioSettings settings() const;

private:
    QLineEdit* m_modelDir;
    QSpinBox* m_threads;
    QComboBox* m_device;
    QSpinBox* m_autosave;
    QSpinBox* m_lookCandidates;
    QLineEdit* m_promptList;
    QLineEdit* m_signingCert;
    QLineEdit* m_signingKey;
};

}  // namespace kinora::ui
