/**
 * The web console's signals to a person who is not looking at it: the count of what waits for a person in the tab's
 * title and favicon, a browser notification when the operator allowed them, and a short sound they can turn off.
 * The rules (what counts, which words) are shared/notificationRules.ts; this file only touches the browser.
 */
import { useEffect } from 'react';
import { attentionSummary, titleWithCount, type AttentionSummary, type DesktopNotification } from '../../shared/notificationRules';
import { useStation } from './storeContext';

const BASE_TITLE = 'Print Station';
/** Red when a printer or an order needs a person, amber when only items wait in trays (styles.css's --error, --retrieval). */
const ERROR_COLOUR = '#c62828';
const RETRIEVAL_COLOUR = '#b26a00';

/** Keeps the title, the favicon and the sound/notification in step with the store. Used once, by App. */
export function useAttentionSignals(): AttentionSummary {
  const snapshot = useStation((s) => s.snapshot);
  const notice = useStation((s) => s.lastNotice);
  const soundOn = useStation((s) => s.soundOn);
  const summary = attentionSummary(snapshot);
  const colour = summary.printers + summary.orders > 0 ? ERROR_COLOUR : RETRIEVAL_COLOUR;

  useEffect(() => {
    document.title = titleWithCount(BASE_TITLE, summary.total);
    setFavicon(summary.total, colour);
  }, [summary.total, colour]);

  useEffect(() => {
    if (!notice) return;
    showBrowserNotification(notice.note);
    if (soundOn) playChime(notice.note.kind === 'retrieval' ? 'retrieval' : 'error');
    // Only a new notice rings (soundOn is read, not watched): turning the sound on must not replay the last one.
  }, [notice]);

  return summary;
}

/** Whether the browser may show notifications, and whether asking makes sense (it needs a click). */
export function notificationPermission(): NotificationPermission | 'unsupported' {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

export async function askNotificationPermission(): Promise<NotificationPermission | 'unsupported'> {
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.requestPermission();
}

function showBrowserNotification(note: DesktopNotification): void {
  if (notificationPermission() !== 'granted') return;
  try {
    // tag: the same thing replaces its earlier notification instead of stacking up.
    new Notification(note.title, { body: note.body, tag: note.key, requireInteraction: note.urgent });
  } catch {
    // Some browsers allow notifications only from a service worker; the title, favicon and toast still tell.
  }
}

let audio: AudioContext | undefined;

/** Two falling tones for an error, one rising for an item to take out: told apart without looking. */
function playChime(kind: 'error' | 'retrieval'): void {
  try {
    audio ??= new AudioContext();
    const tones = kind === 'error' ? [660, 440] : [520, 780];
    tones.forEach((frequency, i) => {
      const start = audio!.currentTime + i * 0.18;
      const osc = audio!.createOscillator();
      const gain = audio!.createGain();
      osc.frequency.value = frequency;
      gain.gain.setValueAtTime(0.15, start);
      gain.gain.exponentialRampToValueAtTime(0.001, start + 0.16);
      osc.connect(gain).connect(audio!.destination);
      osc.start(start);
      osc.stop(start + 0.17);
    });
  } catch {
    // No audio device, or the page was never clicked (browsers hold audio until then): silence is acceptable.
  }
}

/** A printer glyph with the count on a coloured badge, drawn once per change. */
function setFavicon(count: number, colour: string): void {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 32;
  const g = canvas.getContext('2d');
  if (!g) return;
  g.fillStyle = '#1f6feb';
  g.fillRect(6, 10, 20, 12); // the printer's body
  g.fillStyle = '#ffffff';
  g.fillRect(10, 4, 12, 8); // paper in
  g.fillRect(10, 18, 12, 10); // paper out
  if (count > 0) {
    g.fillStyle = colour;
    g.beginPath();
    g.arc(22, 10, 10, 0, 2 * Math.PI);
    g.fill();
    g.fillStyle = '#ffffff';
    g.font = 'bold 14px sans-serif';
    g.textAlign = 'center';
    g.textBaseline = 'middle';
    g.fillText(count > 9 ? '9+' : String(count), 22, 11);
  }
  let link = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
  if (!link) {
    link = document.createElement('link');
    link.rel = 'icon';
    document.head.appendChild(link);
  }
  link.href = canvas.toDataURL('image/png');
}
