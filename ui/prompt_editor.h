#pragma once

#include <QPlainTextEdit>
#include <QSet>
#include <QStringList>
#include <QSyntaxHighlighter>

class QCompleter;
class QStringListModel;

namespace kinora::ui {

/// @brief Colours a prompt: `@Name` of a known character (accent), of an unknown one (red,
/// wavy underline), words the loaded model knows (bold; a model that reads any text gives
/// none), other words plain.
class PromptHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
public:
    explicit PromptHighlighter(QTextDocument* document);
    void setCharacterNames(const QStringList& names);
    /// @brief The words to show bold (lower case), from the loaded model.
    void setKnownWords(const QSet<QString>& words);

protected:
    void highlightBlock(const QString& text) override;

private:
    QStringList m_names;
    QSet<QString> m_known;
};

/// @brief The prompt editor: highlighting, completion of character names after '@', and
/// the list of unknown names (shown under the editor, and checked before generating).
/// Plain text only; one paragraph is enough for the model. GUI thread only.
class PromptEditor : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit PromptEditor(QWidget* parent = nullptr);

    void setCharacterNames(const QStringList& names);
    const QStringList& characterNames() const { return m_names; }
    /// @brief The words the loaded model knows (models/registry.h knownWords): shown bold.
    void setKnownWords(const QStringList& words);
    /// @brief `@Names` in the text that no character has, in order.
    QStringList unknownNames() const;
    /// @brief Replaces the text without emitting promptEdited() (document changes).
    void setPromptSilently(const QString& text);
    QCompleter* completer() const { return m_completer; }

signals:
    /// @brief The user changed the text.
    void promptEdited(const QString& text);

protected:
    void keyPressEvent(QKeyEvent* event) override;

private:
    /// Whether the cursor ends a mention; `prefix` gets its partial name ("Pi" in "@Pi|").
    bool mentionPrefixAtCursor(QString* prefix) const;
    void insertCompletion(const QString& name);

    PromptHighlighter* m_highlighter;
    QCompleter* m_completer;
    QStringListModel* m_completions;
    QStringList m_names;
    bool m_silent = false;
};

}  // namespace kinora::ui
