// A separate process for tests that need one: a writer to kill in the middle of a transaction,
// and an opener that runs as another (unprivileged) user.
//   inkwell_store_helper open <db>
//       prints "euid=<n> <error-code-name>" ("none" when the store opened)
//   inkwell_store_helper write <db> <posts> commit|hang
//       one transaction of <posts> posts; "hang" prints "middle" halfway and keeps writing until
//       killed; "commit" commits, prints "committed" and waits until killed

#include "model/post.h"
#include "store/localstore.h"
#include "store/postrepository.h"

#include <QCoreApplication>
#include <QFile>

#include <cstdio>
#include <unistd.h>

using namespace inkwell;
using namespace inkwell::store;

namespace {

void say(const char *line)
{
    std::fputs(line, stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

void waitForever()
{
    QFile in;
    if (in.open(stdin, QIODevice::ReadOnly))
        in.readAll(); // returns when the test closes our stdin; normally we are killed first
}

Result<void> createPost(LocalStore &store, int index)
{
    model::PostFields fields;
    fields.title = QStringLiteral("killed writer %1").arg(index);
    fields.body = QString(2048, u'k');
    auto post = store.posts().create(QStringLiteral("blog"), fields);
    return post ? Result<void>() : Result<void>(post.error());
}

int write(LocalStore &store, int posts, bool hang)
{
    auto done = store.write([&]() -> Result<void> {
        for (int i = 0; i < posts; ++i) {
            if (auto created = createPost(store, i); !created)
                return created;
            if (hang && i == posts / 2)
                say("middle");
        }
        // Still inside the transaction: keep the writer busy until the test kills it.
        for (int i = posts; hang && i < 5 * posts; ++i)
            (void)createPost(store, i);
        if (hang)
            waitForever();
        return {};
    });
    if (!done) {
        say(qPrintable(errorCodeName(done.error().code)));
        return 1;
    }
    say("committed");
    waitForever();
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 3)
        return 2;
    LocalStore store(args.at(2));
    auto opened = store.open();
    if (args.at(1) == QLatin1String("open")) {
        const QString line =
                QStringLiteral("euid=%1 %2")
                        .arg(geteuid())
                        .arg(errorCodeName(opened ? ErrorCode::None : opened.error().code));
        say(qPrintable(line));
        return 0;
    }
    if (!opened) {
        say(qPrintable(errorCodeName(opened.error().code)));
        return 1;
    }
    if (args.at(1) == QLatin1String("write") && args.size() == 5)
        return write(store, args.at(3).toInt(), args.at(4) == QLatin1String("hang"));
    return 2;
}
