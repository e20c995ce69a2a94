/*
 * Knowledge quiz (ke_finder/quiz.py renders the HTML).
 *
 * Why it is written this way:
 * - No dependencies and no network: the answers never leave the browser.
 * - Every word shown comes from data-text-* attributes on the form, so the page decides
 *   the language; this file holds no user text.
 * - Right and wrong are said in words, not by colour alone, and both the feedback and the
 *   running score are live regions, so screen reader users hear the result.
 * - Without JavaScript the <details> "show the answer" stays; here we hide it and show the
 *   "check" buttons instead.
 */
(function () {
  "use strict";

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : match;
    });
  }

  function mark(option, className, text) {
    option.classList.add(className);
    var label = option.querySelector("label");
    var tag = document.createElement("span");
    tag.className = "ke-quiz-mark";
    tag.textContent = text;
    label.appendChild(document.createTextNode(" "));
    label.appendChild(tag);
  }

  function setUp(form) {
    if (form.classList.contains("ke-quiz--ready")) {
      return; // already set up, e.g. the script was included twice
    }
    var words = {
      right: form.getAttribute("data-text-right") || "",
      wrong: form.getAttribute("data-text-wrong") || "",
      rightOption: form.getAttribute("data-text-right-option") || "",
      chooseFirst: form.getAttribute("data-text-choose-first") || "",
      score: form.getAttribute("data-text-score") || ""
    };
    var questions = form.querySelectorAll(".ke-quiz-question");
    var score = form.querySelector(".ke-quiz-score");
    var tally = { right: 0, answered: 0, total: questions.length };

    function check(question) {
      if (question.getAttribute("data-answered") === "true") {
        return;
      }
      var hint = question.querySelector(".ke-quiz-hint");
      var chosen = question.querySelector("input[type=radio]:checked");
      if (!chosen) {
        hint.textContent = words.chooseFirst;
        question.querySelector("input[type=radio]").focus();
        return;
      }
      hint.textContent = "";
      var correct = Number(question.getAttribute("data-correct"));
      var isRight = Number(chosen.value) === correct;
      var options = question.querySelectorAll(".ke-quiz-option");
      var radios = question.querySelectorAll("input[type=radio]");

      mark(chosen.closest(".ke-quiz-option"), isRight ? "ke-quiz-option--right" : "ke-quiz-option--wrong",
        isRight ? words.right : words.wrong);
      if (!isRight && options[correct]) {
        mark(options[correct], "ke-quiz-option--answer", words.rightOption);
      }
      for (var i = 0; i < radios.length; i++) {
        radios[i].disabled = true;
      }
      question.setAttribute("data-answered", "true");
      question.classList.add(isRight ? "ke-quiz-question--right" : "ke-quiz-question--wrong");

      // Show the feedback first, then write the verdict into it: a live region announces
      // changes, not text that was there when it appeared.
      var feedback = question.querySelector(".ke-quiz-feedback");
      feedback.hidden = false;
      feedback.querySelector(".ke-quiz-verdict").textContent = (isRight ? words.right : words.wrong) + ".";
      // The button is gone after answering, so focus goes to the feedback: it is read out,
      // and the next Tab continues to the next question.
      question.querySelector(".ke-quiz-check").hidden = true;
      feedback.setAttribute("tabindex", "-1");
      feedback.focus();

      tally.answered += 1;
      if (isRight) {
        tally.right += 1;
      }
      if (score) {
        score.textContent = fill(words.score, tally);
      }
    }

    Array.prototype.forEach.call(questions, function (question) {
      var answer = question.querySelector(".ke-quiz-answer");
      var button = question.querySelector(".ke-quiz-check");
      var hint = question.querySelector(".ke-quiz-hint");
      if (answer) {
        answer.hidden = true;
      }
      if (hint) {
        hint.hidden = false;
      }
      button.hidden = false;
      button.addEventListener("click", function () {
        check(question);
      });
    });
    if (score) {
      score.hidden = false;
    }
    // Enter on a radio button may try to submit the form: check that question instead.
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var active = document.activeElement;
      var question = active && active.closest ? active.closest(".ke-quiz-question") : null;
      if (question) {
        check(question);
      }
    });
    form.classList.add("ke-quiz--ready");
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("form.ke-quiz"), setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
