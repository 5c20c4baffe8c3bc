// The board header's way into the gallery: a Templates button, and on the first start an offer
// to begin from a template (shown once: settings.galleryOffered is set as soon as it is shown).
import { useEffect, useState } from 'react';
import { useApi } from '../../api/api-context';
import { GalleryDialog } from './gallery-dialog';

export function GalleryLauncher() {
  const api = useApi();
  const [open, setOpen] = useState(false);
  const [offer, setOffer] = useState(false);
  const [installed, setInstalled] = useState<{ title: string; paused: boolean } | null>(null);

  useEffect(() => {
    let current = true;
    api.call('settings.get', {}).then(
      (settings) => {
        if (!current || settings.galleryOffered) return;
        setOffer(true);
        // Marked at once: the offer is made on one start only, whether or not it is taken.
        void api.call('settings.update', { galleryOffered: true }).catch(() => undefined);
      },
      // Without settings the board still works; the Templates button stays.
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api]);

  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)}>
        Templates
      </button>
      {offer && !open && (
        <div className="gallery-offer" data-testid="gallery-offer">
          <span>Start from a ready-made task?</span>
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setOffer(false);
              setOpen(true);
            }}
          >
            Browse templates
          </button>
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => setOffer(false)}>
            ×
          </button>
        </div>
      )}
      {installed && (
        <span className="gallery-installed muted" aria-live="polite">
          Installed “{installed.title}”{installed.paused && ', paused until it has what it needs'}
        </span>
      )}
      {open && (
        <GalleryDialog
          onInstalled={(task) => {
            setInstalled({ title: task.title, paused: task.paused });
            setOpen(false);
          }}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
