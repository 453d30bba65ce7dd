// The API reference: Swagger UI over the served OpenAPI document (JSON form). A file of its
// own because the pages' Content-Security-Policy allows no inline script.
(function () {
  const target = document.getElementById('reference');
  window.SwaggerUIBundle({
    url: target.dataset.document + '?format=JSON',
    domNode: target,
    deepLinking: true,
    docExpansion: 'none',
    defaultModelsExpandDepth: 0,
    tryItOutEnabled: false,
    validatorUrl: null
  });
})();
