#pragma once

#include <QRandomGenerator>
#include <QString>
#include <QStringList>

namespace inkwell::bench {

// Text that compresses like prose: words of varying length from a vocabulary, sentences,
// paragraphs and the odd Markdown heading or link.
class Prose
{
public:
    explicit Prose(quint32 seed) : m_random(seed) { }

    QString sentence()
    {
        static const QStringList words =
                QStringLiteral(
                        "the a of and to in is was for on that with as it by at from this be are "
                        "we "
                        "morning harbour train station coffee market bridge mountain river city "
                        "old "
                        "quiet evening walked found small narrow street window light rain weather "
                        "travel journey ticket platform north south coast village church museum "
                        "bakery bread cheese wine recipe kitchen garden festival summer winter "
                        "autumn "
                        "Straße Brücke Bahnhof Kaffee Markt Abend Regen Fenster Stadt Reise schön "
                        "photograph camera lens afternoon sunset crowded empty familiar strange "
                        "remember written notebook chapter between although because however later")
                        .split(u' ');
        const int count = 6 + int(m_random.bounded(14));
        QString text;
        for (int i = 0; i < count; ++i) {
            QString word = words.at(int(m_random.bounded(quint32(words.size()))));
            if (i == 0)
                word[0] = word[0].toUpper();
            text += (i ? QStringLiteral(" ") : QString()) + word;
            if (i > 0 && i < count - 1 && m_random.bounded(10) == 0)
                text += u',';
        }
        return text + (m_random.bounded(8) == 0 ? u'?' : u'.');
    }

    // About `bytes` of Markdown in paragraphs.
    QString body(int bytes)
    {
        QString text = QStringLiteral("# ") + sentence() + QStringLiteral("\n\n");
        while (text.size() < bytes) {
            for (int i = 0, n = 3 + int(m_random.bounded(4)); i < n; ++i)
                text += sentence() + u' ';
            if (m_random.bounded(5) == 0)
                text += QStringLiteral("[more](https://example.org/notes/%1) ")
                                .arg(m_random.bounded(100000));
            text += QStringLiteral("\n\n");
        }
        return text;
    }

    // The body with one sentence replaced or added, as a writer's edit does.
    QString edit(const QString &body)
    {
        QStringList sentences = body.split(QStringLiteral(". "));
        const int at = int(m_random.bounded(quint32(sentences.size())));
        // As many sentences added as removed, so the post stays about its size.
        const quint32 kind = m_random.bounded(4);
        if (kind == 0)
            sentences.insert(at, sentence().chopped(1));
        else if (kind == 1 && sentences.size() > 2)
            sentences.removeAt(at);
        else
            sentences[at] = sentence().chopped(1);
        return sentences.join(QStringLiteral(". "));
    }

    quint32 bounded(quint32 n) { return m_random.bounded(n); }

private:
    QRandomGenerator m_random;
};

} // namespace inkwell::bench
