#pragma once

#include <QDialog>
#include <QString>
#include <QStringList>

class QComboBox;
class QLineEdit;
class QSpinBox;
class QTableWidget;

namespace kinora::ui {

/// @brief The studio's settings, kept in QSettings.
struct StudioSettings {
    QString modelDir;  ///< the default model (a folder, or files joined by commas); empty: the
                       ///< embedded one
    /// Models the user added (folders, or Wan files joined by commas), offered to projects.
    QStringList models;
    int threads = 0;  ///< 0: automatic (every core, or OMP_NUM_THREADS)
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
        return modelDir == o.modelDir && models == o.models && threads == o.threads &&
               device == o.device && autosaveSeconds == o.autosaveSeconds &&
               promptList == o.promptList && signingCert == o.signingCert &&
               signingKey == o.signingKey && lookCandidates == o.lookCandidates;
    }
    bool operator!=(const StudioSettings& o) const { return !(*this == o); }
};

/// @brief Edits StudioSettings: the model list (each model's family, variant, size on
/// disk, memory needed and what it lacks; the selected one is the default), threads,
/// device, autosave interval, tries per window, prompt word list, signer.
class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit SettingsDialog(const StudioSettings& settings, QWidget* parent = nullptr);
    StudioSettings settings() const;
    /// @brief Adds a model (folder, or files joined by commas) to the list and selects it.
    void addModel(const QString& path);
    QTableWidget* modelTable() const { return m_models; }

private:
    void describeRow(int row, const QString& path);
    QTableWidget* m_models;
    int m_shippedRows = 1;  ///< the models Kinora ships come first and cannot be removed
    QSpinBox* m_threads;
    QComboBox* m_device;
    QSpinBox* m_autosave;
    QSpinBox* m_lookCandidates;
    QLineEdit* m_promptList;
    QLineEdit* m_signingCert;
    QLineEdit* m_signingKey;
};

}  // namespace kinora::ui
