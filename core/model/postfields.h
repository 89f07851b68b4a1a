#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

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

    // The SHA-256 hashes of every attachment the body and cover refer to, without duplicates.
    QStringList attachmentHashes() const;
};

QString publishStateName(PublishState state);
// Parses "draft" / "published"; returns false for anything else.
bool parsePublishState(const QString &name, PublishState *state);

} // namespace inkwell::model
