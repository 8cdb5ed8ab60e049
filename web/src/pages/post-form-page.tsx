import { useEffect, useState } from 'preact/hooks';
import { type ApiError, asApiError } from '../api/api-error';
import type { Post, PostInput } from '../api/types';
import { useApp } from '../app-context';
import { ErrorNotice } from '../components/error-notice';
import { Field } from '../components/field';
import { Loading } from '../components/loading';
import { PageTitle } from '../components/page-title';
import { links, navigate } from '../router';
import { useLoaded } from '../use-async';

const IMAGE_TYPES = 'image/jpeg,image/png,image/webp,image/gif';

/** Writing a new post (`#/new`) or editing one of one's own (`#/posts/<id>/edit`). */
export function PostFormPage({ id }: { id?: string }) {
  const { api, session } = useApp();
  const existing = useLoaded(() => (id ? api.getPost(id) : Promise.resolve(null)), [api, id]);
  if (!session.token) {
    return (
      <>
        <PageTitle text={id ? 'Edit post' : 'Write a post'} />
        <p>
          <a href={links.signIn()}>Sign in</a> to write posts.
        </p>
      </>
    );
  }
  if (existing.loading) return <Loading what="Loading the post…" />;
  if (existing.error) return <ErrorNotice error={existing.error} onRetry={existing.reload} />;
  return (
    <PostForm
      post={existing.value?.post ?? null}
      etag={existing.value?.etag ?? null}
      onReload={existing.reload}
    />
  );
}

interface FormProps {
  post: Post | null;
  /** The version the form was filled from: the save sends it in If-Match, so it never overwrites a newer one. */
  etag: string | null;
  /** Reads the post again (after a 412), refilling the form with the latest version. */
  onReload(): void;
}

function PostForm({ post, etag, onReload }: FormProps) {
  const { api } = useApp();
  const [title, setTitle] = useState(post?.title ?? '');
  const [body, setBody] = useState(post?.body ?? '');
  const [tags, setTags] = useState(post?.tags.join(', ') ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [removeImage, setRemoveImage] = useState(false);
  const [step, setStep] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const preview = usePreview(file);

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      const input: PostInput = { title, body, tags: tags.split(/[\s,]+/).filter(Boolean) };
      if (file) {
        setStep('Uploading the picture…');
        input.imageKey = await api.uploadImage(file);
      } else if (removeImage) {
        input.imageKey = null;
      }
      setStep('Saving…');
      const saved = post ? await api.updatePost(post.id, input, etag) : await api.createPost(input);
      navigate(links.post(saved.id));
    } catch (caught) {
      setError(asApiError(caught));
      setStep(null);
    }
  };

  return (
    <>
      <PageTitle text={post ? 'Edit post' : 'Write a post'} />
      {/* The API validates, and its messages are the ones shown, so the browser's own validation is off. */}
      <form class="post-form" onSubmit={submit} noValidate aria-busy={step !== null}>
        {error?.code === 'precondition_failed' ? (
          <div class="notice error" role="alert">
            <p>Someone else changed this post — reload it to edit the latest version.</p>
            <button type="button" onClick={onReload}>
              Reload
            </button>
          </div>
        ) : (
          error && <ErrorNotice error={error} />
        )}
        <Field id="post-title" label="Title" field="title" error={error}>
          {(aria) => (
            <input
              id="post-title"
              name="title"
              value={title}
              onInput={(e) => setTitle(e.currentTarget.value)}
              required
              {...aria}
            />
          )}
        </Field>
        <Field id="post-body" label="Text" field="body" error={error}>
          {(aria) => (
            <textarea
              id="post-body"
              name="body"
              rows={10}
              value={body}
              onInput={(e) => setBody(e.currentTarget.value)}
              required
              {...aria}
            />
          )}
        </Field>
        <Field
          id="post-tags"
          label="Tags"
          field="tags"
          error={error}
          hint="Separated by commas or spaces: a-z, 0-9 and -."
        >
          {(aria) => (
            <input
              id="post-tags"
              name="tags"
              value={tags}
              onInput={(e) => setTags(e.currentTarget.value)}
              {...aria}
            />
          )}
        </Field>
        <Field
          id="post-image"
          label="Picture"
          field="imageKey"
          error={error}
          hint="JPEG, PNG, WebP or GIF, up to 5 MiB."
        >
          {(aria) => (
            <input
              id="post-image"
              name="image"
              type="file"
              accept={IMAGE_TYPES}
              onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
              {...aria}
            />
          )}
        </Field>
        {(preview ?? (!removeImage && post?.imageUrl)) && (
          <img
            class="preview"
            src={preview ?? post?.imageUrl ?? ''}
            alt={file ? 'The picture you chose' : 'The current picture'}
          />
        )}
        {post?.imageUrl && !file && (
          <label class="check">
            <input
              type="checkbox"
              checked={removeImage}
              onChange={(e) => setRemoveImage(e.currentTarget.checked)}
            />{' '}
            Remove the current picture
          </label>
        )}
        <div class="actions">
          <button type="submit" disabled={step !== null}>
            {step ?? (post ? 'Save changes' : 'Publish')}
          </button>{' '}
          <a href={post ? links.post(post.id) : links.posts()}>Cancel</a>
        </div>
      </form>
    </>
  );
}

/** An object URL showing the chosen file before it is uploaded, released when the choice changes. */
function usePreview(file: File | null): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!file) return setUrl(null);
    const objectUrl = URL.createObjectURL(file);
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [file]);
  return url;
}
