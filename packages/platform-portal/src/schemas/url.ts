/**
 * Links the site renders as `<a href>`. `z.url()` takes any scheme, `javascript:` and `data:`
 * too, which run script or show a forged page when clicked; a link here is a web page, or for a
 * mailing list also an address to write to.
 */
import { z } from 'zod';

/** A web page: http or https only. */
export const WebUrlSchema = z.url({ protocol: /^https?$/, error: 'Use a web link that starts with https:// or http://.' });

/** A mailing list: its web page, or a mailto: address. */
export const MailingListUrlSchema = z.url({
  protocol: /^(?:https?|mailto)$/,
  error: 'Use a web link that starts with https:// or http://, or an address as mailto:list@example.com.',
});
