<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>inkwell</name>
    <message>
        <source>No error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local database could not be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local database is damaged and cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local database is read-only; changes cannot be saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local database was written by a newer version of Inkwell.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disk is full; the last change could not be saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local database reported an error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The item was not found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The input is not valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data is malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data is too large.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image data does not match its checksum.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your account has no access to this blog.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone else changed this post at the same time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server asked to slow down; trying again shortly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server is not reachable right now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server reported an error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server asked for a full resynchronisation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The network connection failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not answer in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The operation was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keychain reported an error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No system keychain is available to store your sign-in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An internal error occurred.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An unknown error occurred.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>inkwell::editor::AccountController</name>
    <message>
        <source>Sign-in Not Saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your sign-in could not be saved (%1). You will be asked to sign in again next time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Keychain Available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No system keychain is available to keep your sign-in safe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inkwell can keep the session token in a file that only your user account can read (%1), or not keep it at all and ask you to sign in each time it starts. Your password is never stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep in a File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do Not Keep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline only: posts stay on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>inkwell::editor::DemoPosts</name>
    <message>
        <source>Welcome to Inkwell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inkwell saves **every keystroke** on your computer and syncs with your team&apos;s server whenever it can.

- Write offline
- Press *Sync* (Ctrl+R) or let it sync by itself
- Edits that do not overlap merge by themselves
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inkwell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>guide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A walk in the mountains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The view from the ridge was worth the climb.

![Mountains](attachment:%1)

Paste or drop an image into the editor to add your own.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>travel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft: ideas for next week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>## Ideas

1. Interview with the new editor
2. Photo essay
3. `code` snippets that explain themselves
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ideas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Markdown cheat sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source># Heading

*italic*, **bold**, `code` and [links](https://example.org).

&gt; Quotes look like this.
</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>inkwell::editor::EditorApplication</name>
    <message>
        <source>Inkwell, the offline-first blog editor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep posts and settings in &lt;dir&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work without a server in this run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add example posts when there are none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to &lt;url&gt; (password from INKWELL_PASSWORD).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>url</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name for --server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow an unencrypted http:// --server address on another computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use a dark colour scheme.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline only: posts stay on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inkwell Cannot Open Your Posts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can start with an empty database; the damaged file is kept next to it so nothing is deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start with an Empty Database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This post has no conflict to resolve.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>inkwell::editor::EngineBlogPageService</name>
    <message>
        <source>The post is not on a blog of this server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The blog does not show this post (is it public and synced?).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server named no page for the post.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>inkwell::editor::EngineSyncService</name>
    <message>
        <source>Syncing with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync finished: %1 sent, %2 received, %3 merged, %4 conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The server was restored from a backup: %n post(s) it had lost were sent again</source>
        <translation>
            <numerusform>The server was restored from a backup: %n post it had lost was sent again</numerusform>
            <numerusform>The server was restored from a backup: %n posts it had lost were sent again</numerusform>
        </translation>
    </message>
    <message>
        <source>Sync failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A post from the server could not be read and was skipped: %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer from the server (%1); trying again in %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server reachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server not reachable; working offline</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>inkwell::net</name>
    <message>
        <source>Enter the server&apos;s address, for example blog.example.org.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a valid server address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server address must start with https:// (or http://), not %1:.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server address must not contain a user name or password; give them separately.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server address has no host name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server address must not contain a query (?) or fragment (#).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the server&apos;s address without the API path (/api/…), for example https://blog.example.org.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>http:// would send your password and posts unencrypted to %1. Use https://, or allow unencrypted connections on a network you trust.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unencrypted connection: your password, session token and posts travel in clear to %1, readable by anyone on the network in between.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>inkwell::ui::BlogPicker</name>
    <message>
        <source>The blog you are working in: the list shows its posts and new posts go to it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Blog:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>inkwell::ui::BodyEdit</name>
    <message>
        <source>Post body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write your post in Markdown…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pasted image</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>inkwell::ui::CoverPicker</name>
    <message>
        <source>Cover image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cover…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a cover image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose cover image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the cover image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove cover image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a Cover Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No cover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>inkwell::ui::DeletePostCommand</name>
    <message>
        <source>Untitled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete “%1”</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>inkwell::ui::DeletedPostsDialog</name>
    <message>
        <source>Show &amp;History…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted Posts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Posts deleted here or by others. Open the history of one to restore a version of it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted posts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — deleted %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No deleted posts.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>inkwell::ui::HistoryDiffView</name>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Differences</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>inkwell::ui::HistoryWindow</name>
    <message>
        <source>Untitled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore Revision %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore revision %1 of “%2”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its title, text, tags and state become the post&apos;s content again, as a new change on top of the current version. It syncs like any edit; the versions on the server stay in the history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The deleted post is brought back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your changes that are not synced yet are replaced too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The post is in conflict: resolve the conflict first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revision %1 was restored. It is sent with the next sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Try Again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load &amp;Older</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore This Version…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a version to compare it with the current text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This post is not stored on this computer. Sync, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rev.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Author</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History of “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versions kept by the server, newest first. Select one to compare it with the current text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This post is deleted. Restoring a version brings it back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the history…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server has no versions of this post yet. They are kept from its first sync on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading revision %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve the post&apos;s conflict first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make this version the post&apos;s content again, as a new change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revision %1 is the same as the current text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revision %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current text</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>inkwell::ui::LoginDialog</name>
    <message>
        <source>Allow &amp;unencrypted connection (http)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign In to a Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only for a server on a network you trust: with http:// your password and posts are not encrypted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inkwell keeps your posts on this computer and syncs them with your team&apos;s server. Your password is not stored; the session token is kept in the system keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write without a server; you can sign in later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please enter the server address, your user name and password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing In…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>inkwell::ui::MainActions</name>
    <message>
        <source>&amp;New Post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete Post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the open post; Undo brings it back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert &amp;Image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert an image into the post body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore &amp;Deleted Post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Post &amp;History…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Earlier versions of the post on the server; restore one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>View on the &amp;Blog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the post&apos;s page on the blog in the browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted &amp;Posts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Posts deleted here or by others; restore one from its history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find Posts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sync Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send your changes and fetch the others&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resolve Conflict…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare your version with the server&apos;s and choose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync &amp;Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;In…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;ettings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show Pre&amp;view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;All Posts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Drafts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Conflicted</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>inkwell::ui::MainWindow</name>
    <message>
        <source>Inkwell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main Toolbar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete Conflicted Post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This post changed on the server and conflicts with your version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the merge window to compare both versions, or delete it anyway: the delete then replaces the server&apos;s version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open Merge Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete Anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The post was deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Posts written while signed out (%1) will now sync to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Posts written while signed out (%1) will now sync to your blog.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>inkwell::ui::MergeFieldRow</name>
    <message>
        <source>Published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no title)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no tags)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore with my edits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep my delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept the delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore with their edits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server deleted this post; you edited it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You deleted this post; the server edited it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mine:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theirs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: use mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: use theirs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No cover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not downloaded yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cover not downloaded yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cover image</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>inkwell::ui::MergeHighlighter</name>
    <message>
        <source>open conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>theirs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>written by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>base or not taken</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>inkwell::ui::MergeHunkBar</name>
    <message>
        <source>Previous Conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next Conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use Mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use Theirs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Both, Mine First</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Both, Theirs First</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use Base</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo Choice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo Choice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show Base</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflict %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merged change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing left to resolve</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n left</source>
        <translation>
            <numerusform>%n left</numerusform>
            <numerusform>%n left</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>inkwell::ui::MergePanes</name>
    <message>
        <source>Base (before both changes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mine (your version)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Result (editable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theirs (server version)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mine (deleted here)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theirs (deleted on the server)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>inkwell::ui::MergeWindow</name>
    <message>
        <source>Resolve Conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep &amp;Mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your version wins every open conflict; their other changes are kept. Save stores it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take &amp;Theirs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s version wins every open conflict. Save stores it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep &amp;Both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save your version as a new post now and take the server&apos;s version for this one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close without changing anything; the post stays in conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve Conflict – %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>someone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an unknown time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” was deleted on the server by %2 on %3 (revision %4) while you changed it here. Choose what to keep.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” was changed on the server by %2 on %3 (revision %4) after you deleted it here. Choose what to keep.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” was changed on the server by %2 on %3 (revision %4) while you changed it here. Choose what to keep.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store the result; it syncs on the next run</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Resolve the %n open conflict(s) first</source>
        <translation>
            <numerusform>Resolve the open conflict first</numerusform>
            <numerusform>Resolve the %n open conflicts first</numerusform>
        </translation>
    </message>
    <message>
        <source>This conflict was resolved elsewhere; there is nothing left to save. Close the window to see the post.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s version changed while you were resolving; the merge was redone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your version of the post changed while you were resolving; the merge was redone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n of your choices no longer apply; please check the result.</source>
        <translation>
            <numerusform>%n of your choices no longer applies; please check the result.</numerusform>
            <numerusform>%n of your choices no longer apply; please check the result.</numerusform>
        </translation>
    </message>
    <message>
        <source>Your choices were kept.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>inkwell::ui::MessageBar</name>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>inkwell::ui::PostDelegate</name>
    <message>
        <source>Synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted here, changed on the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>inkwell::ui::PostEditor</name>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Post title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags, separated by commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publication state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This post changed elsewhere while you were typing, and the changes overlap. Nothing is lost: your version is kept until you resolve them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This post was deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This post was changed on the server in a way that conflicts with your edits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This post could not be synced: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo stops here: this text includes a change made elsewhere.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo stops here: this text includes a change from %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo Their Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>inkwell::ui::PostListModel</name>
    <message>
        <source>Untitled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untitled post</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>inkwell::ui::PostListPane</name>
    <message>
        <source>Search posts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show %1 posts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Posts</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Search is catching up on %Ln post(s); some may be missing from the results.</source>
        <translation>
            <numerusform>Search is catching up on %Ln post; it may be missing from the results.</numerusform>
            <numerusform>Search is catching up on %Ln posts; some may be missing from the results.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>inkwell::ui::PresenceText</name>
    <message>
        <source>%1 is editing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 and %2 are editing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2 and one other are editing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2 and %3 others are editing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Editing now: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>inkwell::ui::PreviewBrowser</name>
    <message>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image not downloaded yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>inkwell::ui::SettingsDialog</name>
    <message>
        <source>Sync &amp;automatically</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 as %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None (offline only). Use Sign In to connect to a server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync when the server becomes reachable, a few seconds after you stop typing, and periodically.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync period in minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync &amp;every:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>inkwell::ui::SyncLogWindow</name>
    <message>
        <source>Sync Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Post %1 was not accepted: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>inkwell::ui::SyncStatusWidget</name>
    <message>
        <source>just now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(post without a valid id)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To sync: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicts: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n unreadable post(s) from the server skipped</source>
        <translation>
            <numerusform>%n unreadable post from the server skipped</numerusform>
            <numerusform>%n unreadable posts from the server skipped</numerusform>
        </translation>
    </message>
    <message>
        <source>Ask their authors to save these posts again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last synced %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>inkwell::ui::ViewOnBlog</name>
    <message>
        <source>The blog shows an older version until you sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not open the browser at %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
