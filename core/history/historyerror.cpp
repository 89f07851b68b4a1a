#include "history/historyerror.h"

#include <QCoreApplication>

namespace inkwell::history {

QString historyFailureText(const HistoryFailure &failure)
{
    const char *context = "inkwell::history";
    switch (failure.problem) {
    case HistoryProblem::Offline:
        return QCoreApplication::translate(
                context, "The server cannot be reached. History needs a connection.");
    case HistoryProblem::SignedOut:
        return QCoreApplication::translate(context, "Sign in to see the history of posts.");
    case HistoryProblem::Unsupported:
        return QCoreApplication::translate(context, "This server keeps no history.");
    case HistoryProblem::NotFound:
        return QCoreApplication::translate(
                context, "The server has no history of this post for your account.");
    case HistoryProblem::Failed:
        break;
    }
    return QCoreApplication::translate(context, "The history could not be read: %1")
            .arg(errorText(failure.error.code));
}

} // namespace inkwell::history
