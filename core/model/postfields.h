#pragma once

#include <QByteArrayView>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace inkwell::model {

enum class PublishState { Draft, Published };

// The writer-owned content of a post: what is edited, merged and synced.
struct PostFields
{
    QString title;
    QString body; // Markdown; images as ![alt](attachment:<sha256>)
    QStringList tags; // in the writer's order; merge treats them as a set
    PublishState state = PublishState::Draft;
    QString cover; // SHA-256 (lower-case hex) of the cover attachment, empty for none

    friend bool operator==(const PostFields &, const PostFields &) = default;

    // {"title", "body", "tags", "status": "draft"|"published", "cover"}; the wire and storage form.
    QJsonObject toJson() const;
    // Lenient reading of toJson()'s form (missing keys keep defaults); the protocol validates.
    static PostFields fromJson(const QJsonObject &object);
    // The same reading of a JSON text (stored fields, a stored base), straight from simdjson's
    // DOM without Qt's values in between; nullopt when the text is not a JSON object.
    static std::optional<PostFields> fromJsonText(QByteArrayView json);

    // The SHA-256 hashes of every attachment the body and cover refer to, without duplicates.
    QStringList attachmentHashes() const;
};

QString publishStateName(PublishState state);
// Parses "draft" / "published"; returns false for anything else.
bool parsePublishState(const QString &name, PublishState *state);

} // namespace inkwell::model
