// The one way the pages talk to the API: every request carries the page's CSRF token (the
// <meta name="csrf-token"> of base.html), a body is JSON or a form, and a refusal becomes an ApiError
// whose message is the server's, in the user's language where the server gave one.

export const csrfToken = () => {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.content : "";
};

export class ApiError extends Error {
  constructor(message, status, code) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code; // the message code of the refusal (e.g. "review.another_confirmed"), where given
  }
}

const errorMessage = (data, response) =>
  (data.error && (data.error.message_localized || data.error.message)) || response.statusText;

// `json`: an object sent as JSON; `form`: a FormData sent as it is (the browser sets its type).
// Answers the parsed JSON body ({} when there is none); throws an ApiError unless the status is 2xx.
export async function request(method, url, { json, form } = {}) {
  const init = { method, headers: {} };
  const token = csrfToken();
  if (token) init.headers["X-CSRF-Token"] = token;
  if (json !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(json);
  } else if (form !== undefined) {
    init.body = form;
  }
  const response = await fetch(url, init);
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    const code = data.error && data.error.message_code;
    throw new ApiError(errorMessage(data, response), response.status, code);
  }
  return data;
}

export const getJSON = (url) => request("GET", url);
export const sendJSON = (method, url, body) => request(method, url, { json: body });
export const postForm = (url, form) => request("POST", url, { form });
