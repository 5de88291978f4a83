//! What every request shares, apart from the module that starts the server,
//! so the handlers need not import it (no module imports another in a
//! circle).

use sipform::org::Organisation;
use sipform::Renderer;

use super::page::Web;
use super::pool::Pool;

/// What every request shares: loaded once at the start.
pub struct App {
    pub renderer: Renderer,
    pub org: Option<Organisation>,
    /// The bearer token API calls must carry, or None.
    pub token: Option<String>,
    /// The Host headers answered; empty when any is (a token guards it).
    pub hosts: Vec<String>,
    pub pool: Pool,
    /// The web form, when it is served.
    pub web: Option<Web>,
    /// The token the web form's own calls carry (`X-Sipform-Page`): made
    /// at each start, so a page from elsewhere cannot know it.
    pub page_token: String,
    /// How long a request's head, and then its body, may take to arrive.
    pub read_timeout: std::time::Duration,
}
