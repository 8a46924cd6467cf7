// /docs: Swagger UI over the app's own OpenAPI document. A file of its own, because the pages'
// Content-Security-Policy allows no inline script.
window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  validatorUrl: "none",
});
