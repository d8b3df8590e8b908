#include "prompt_editor.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QKeyEvent>
#include <QRegularExpression>
#include <QScrollBar>
#include <QStringListModel>

#include "project/mentions.h"

namespace kinora::ui {

namespace {

// Words a model may know but which carry no meaning of their own.
bool isFiller(const QString& w) {
    static const QStringList filler = {
        QStringLiteral("a"),  QStringLiteral("an"), QStringLiteral("the"), QStringLiteral("and"),
        QStringLiteral("of"), QStringLiteral("to"), QStringLiteral("on"),  QStringLiteral("in"),
        QStringLiteral("at"), QStringLiteral("is")};
    return filler.contains(w);
}

}  // namespace

PromptHighlighter::PromptHighlighter(QTextDocument* document) : QSyntaxHighlighter(document) {}

void PromptHighlighter::setCharacterNames(const QStringList& names) {
    m_names = names;
    rehighlight();
}

void PromptHighlighter::setKnownWords(const QSet<QString>& words) {
    m_known = words;
    rehighlight();
}

void PromptHighlighter::highlightBlock(const QString& text) {
    QTextCharFormat world;
    world.setFontWeight(QFont::Bold);
    static const QRegularExpression wordRe(QStringLiteral("[A-Za-z0-9]+"));
    for (auto it = wordRe.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        const QString w = m.captured(0).toLower();
        if (!isFiller(w) && m_known.contains(w))
            setFormat(int(m.capturedStart()), int(m.capturedLength()), world);
    }
    // Mentions last: they win over the word formats. Offsets are UTF-8 bytes in core.
    const QByteArray utf8 = text.toUtf8();
    for (const auto& mention : project::findMentions(utf8.toStdString())) {
        const int start = QString::fromUtf8(utf8.left(int(mention.offset))).size();
        const int length =
            QString::fromUtf8(utf8.mid(int(mention.offset), int(mention.length))).size();
        QTextCharFormat f;
        f.setFontWeight(QFont::Bold);
        if (m_names.contains(QString::fromStdString(mention.name))) {
            f.setForeground(QColor(110, 170, 255));
        } else {
            f.setForeground(QColor(255, 110, 100));
            f.setUnderlineStyle(QTextCharFormat::WaveUnderline);
            f.setUnderlineColor(QColor(255, 110, 100));
        }
        setFormat(start, length, f);
    }
}

PromptEditor::PromptEditor(QWidget* parent)
    : QPlainTextEdit(parent),
      m_highlighter(new PromptHighlighter(document())),
      m_completer(new QCompleter(this)),
      m_completions(new QStringListModel(this)) {
    setTabChangesFocus(true);
    setPlaceholderText(tr("Describe the shot, e.g. @Pip bounces on the beach at night"));
    m_completer->setModel(m_completions);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setWidget(this);
    connect(m_completer, qOverload<const QString&>(&QCompleter::activated), this,
            &PromptEditor::insertCompletion);
    connect(this, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_silent) emit promptEdited(toPlainText());
    });
}

void PromptEditor::setCharacterNames(const QStringList& names) {
    m_names = names;
    m_completions->setStringList(names);
    m_highlighter->setCharacterNames(names);
}

void PromptEditor::setKnownWords(const QStringList& words) {
    QSet<QString> lower;
    for (const QString& w : words) lower.insert(w.toLower());
    m_highlighter->setKnownWords(lower);
}

QStringList PromptEditor::unknownNames() const {
    QStringList out;
    for (const auto& m : project::findMentions(toPlainText().toStdString())) {
        const QString n = QString::fromStdString(m.name);
        if (!m_names.contains(n) && !out.contains(n)) out << n;
    }
    return out;
}

void PromptEditor::setPromptSilently(const QString& text) {
    if (text == toPlainText()) return;
    m_silent = true;
    setPlainText(text);
    moveCursor(QTextCursor::End);
    m_silent = false;
}

bool PromptEditor::mentionPrefixAtCursor(QString* prefix) const {
    QTextCursor c = textCursor();
    const QString block = c.block().text();
    int i = c.positionInBlock();
    int start = i;
    while (start > 0 && (block[start - 1].isLetterOrNumber() || block[start - 1] == '_')) --start;
    if (start == 0 || block[start - 1] != '@') return false;
    if (start >= 2 && block[start - 2].isLetterOrNumber()) return false;  // e-mail, not mention
    *prefix = block.mid(start, i - start);
    return true;
}

void PromptEditor::insertCompletion(const QString& name) {
    QString prefix;
    if (!mentionPrefixAtCursor(&prefix)) return;
    QTextCursor c = textCursor();
    c.movePosition(QTextCursor::Left, QTextCursor::KeepAnchor, int(prefix.size()));
    c.insertText(name + QLatin1Char(' '));
    setTextCursor(c);
}

void PromptEditor::keyPressEvent(QKeyEvent* event) {
    if (m_completer->popup()->isVisible()) {
        switch (event->key()) {
            case Qt::Key_Enter:
            case Qt::Key_Return:
            case Qt::Key_Tab:
            case Qt::Key_Escape:
                event->ignore();  // the completer takes them
                return;
            default:
                break;
        }
    }
    QPlainTextEdit::keyPressEvent(event);
    QString prefix;
    if (!mentionPrefixAtCursor(&prefix) || m_names.isEmpty()) {
        m_completer->popup()->hide();
        return;
    }
    m_completer->setCompletionPrefix(prefix);
    if (m_completer->completionCount() == 0) {
        m_completer->popup()->hide();
        return;
    }
    m_completer->popup()->setCurrentIndex(m_completer->completionModel()->index(0, 0));
    QRect r = cursorRect();
    r.setWidth(m_completer->popup()->sizeHintForColumn(0) +
               m_completer->popup()->verticalScrollBar()->sizeHint().width() + 8);
    m_completer->complete(r);
}

}  // namespace kinora::ui
