#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>
#include <string_view>

namespace inkwell::protocol::detail {

// Writes compact JSON text from Qt strings, for the sync messages that carry whole posts:
// RapidJSON's Writer for the structure, strings straight from UTF-16 to UTF-8 and their escapes.
// QJsonDocument first copies every string into a value tree and then converts it; on pages of
// 2 KiB bodies it took three times as long. The encoders write keys in the order QJsonObject
// keeps them (sorted), and strings are escaped as QJsonDocument escapes them (\u00xx in lower
// case), so the text is QJsonDocument's to the byte.
//
// A string that is not valid UTF-16 (a lone surrogate) makes ok() false; the caller then
// encodes that message with QJsonDocument, which writes U+FFFD for it.
class JsonWriter final
{
public:
    JsonWriter();
    ~JsonWriter();
    JsonWriter(const JsonWriter &) = delete;
    JsonWriter &operator=(const JsonWriter &) = delete;

    void beginObject();
    void endObject();
    void beginArray();
    void endArray();
    void key(std::u16string_view name);
    void string(const QString &text);
    void integer(qint64 value);
    void boolean(bool value);
    // A value already written as compact JSON (e.g. by another JsonWriter), copied as it is.
    void raw(QByteArrayView json);
    // A key and its value.
    void member(std::u16string_view name, const QString &text);
    void member(std::u16string_view name, qint64 value);
    void member(std::u16string_view name, bool value);

    bool ok() const { return m_ok; }
    // The text so far (bytes written).
    qsizetype size() const;
    QByteArray text() const;

private:
    struct Writer;
    std::unique_ptr<Writer> m_writer;
    bool m_ok = true;
};

} // namespace inkwell::protocol::detail
