#pragma once

namespace inkwell::merge {
class BodyMerge;
}
class QTextDocument;

namespace inkwell::editing {

// Applies the server's side of a clean body merge to the document being edited as cursor edits
// of only the changed lines, so the writer's cursor, selection and undo history survive.
// The document must hold the merge's "mine" text. Returns false (and changes nothing) when the
// merge has conflicts or does not match the document.
bool applyTheirChanges(QTextDocument *document, const merge::BodyMerge &merge);

} // namespace inkwell::editing
