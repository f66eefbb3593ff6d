namespace ServiceRecovery.Seeder;

/// <summary>Made-up names and complaint texts (a hotel, like the demo data). No real person is meant.</summary>
internal static class Words
{
    public static readonly string[] FirstNames =
    [
        "Olivia", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Freya", "Grace", "Sophia", "Ella", "Willow", "Emily", "Poppy",
        "Evie", "Rosie", "Sienna", "Aisha", "Chloe", "Ruby", "Hannah", "Zara", "Priya", "Mei", "Sofia", "Lucia", "Amara",
        "Noah", "Oliver", "George", "Arthur", "Leo", "Harry", "Oscar", "Archie", "Henry", "Theo", "Jack", "Charlie", "Lucas",
        "Thomas", "Samuel", "Mohammed", "Isaac", "Joshua", "Daniel", "Adam", "Tomasz", "Mateo", "Kwame", "Ravi", "Yusuf",
        "Elena", "Marta", "Ingrid", "Nadia", "Fatima", "Chen", "Hiro", "Diego", "Pierre", "Lars", "Anton", "Kofi", "Jonas",
    ];

    public static readonly string[] LastNames =
    [
        "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Robinson", "Wright", "Thompson",
        "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke", "Khan", "Shah", "Nowak", "Moreau",
        "Okafor", "Rahman", "Bennett", "Murphy", "O'Brien", "García", "Rossi", "Müller", "Novak", "Kowalski", "Andersson", "Silva",
        "Mensah", "Nguyen", "Kim", "Tanaka", "Singh", "Ahmed", "Hughes", "Edwards", "Lewis", "Harris", "Martin", "Cooper", "Ward",
        "Morris", "Baker", "Price", "Bell", "Turner", "Kaur", "Ali", "Hussain", "Fischer", "Dubois", "Lindqvist", "Costa", "Ivanova",
    ];

    public static readonly string[] WhatHappened =
    [
        "The room was not ready at check-in and we waited nearly two hours in the lobby with two tired children.",
        "The air conditioning did not work all night; reception said someone would come but nobody did.",
        "There was construction noise from 7am right outside the window and nobody told us when we booked.",
        "I was charged twice for the minibar although I only had one bottle of water.",
        "The breakfast buffet ran out of almost everything by 9am and staff said there would be no more.",
        "Our booking for a sea-view room was changed to a room facing the car park without asking us.",
        "The bathroom had hair in the shower and the towels were stained.",
        "The waiter was rude when I asked about allergens and brought a dish with nuts anyway.",
        "We waited forty minutes for a taxi the concierge had promised would be there in five.",
        "My coat went missing from the cloakroom during the wedding reception.",
        "The spa appointment I booked a month ago was not in the system and they could not fit me in.",
        "The lift was out of order for three days and we were on the eighth floor with a pushchair.",
        "Housekeeping came in while I was asleep despite the do-not-disturb sign.",
        "The invoice included a late check-out fee although reception had agreed it for free.",
        "Room service took over an hour and the food was cold when it arrived.",
        "The wifi did not work in the room for our whole stay and I had to work from the lobby.",
        "Loud music from the bar kept us awake until 2am on a weeknight.",
        "The parking we paid for in advance was full and we had to park in a public car park.",
        "Our anniversary decoration that we paid for was not in the room when we arrived.",
        "The pool was closed for maintenance without any notice on the website or at booking.",
        "I was given a room that had clearly been smoked in, and I am asthmatic.",
        "The shuttle bus to the airport did not come and we nearly missed our flight.",
        "The safe in the room was locked and it took the whole evening to get it opened.",
        "The restaurant lost our reservation for a birthday dinner of eight people.",
    ];

    public static readonly string[] CustomerExpected =
    [
        "A clean, quiet room ready at 3pm as the confirmation said.",
        "The room type we booked and paid for.",
        "Breakfast until 10:30 as advertised.",
        "A correct bill.",
        "To be treated politely.",
        "The service we paid for in advance.",
        "That the problem would be fixed the same day.",
        "A working room for a business trip.",
    ];

    public static readonly string[] CustomerWants =
    [
        "A refund of the extra charge.",
        "An apology and a different room.",
        "Compensation for the night.",
        "A discount on the stay.",
        "Someone to call me back.",
        "A free night on a future stay.",
        "Just to make sure it does not happen to anyone else.",
        "The manager to know about it.",
    ];

    public static readonly string[] ClosingNotes =
    [
        "Customer felt the gesture did not make up for the ruined weekend.",
        "Customer wants a full refund, which is above what policy allows.",
        "Customer says they will not come back whatever we offer.",
    ];

    public static readonly string[] WithdrawNotes =
    [
        "Logged twice by the night shift.",
        "Duplicate of the complaint taken by phone.",
        "Logged against the wrong guest.",
        "Guest confirmed it was a misunderstanding.",
    ];

    public static readonly string[] WaitingReasons =
    [
        "Waiting for the customer to send a photo of the receipt.",
        "Customer will call back with the dates of their next stay.",
        "Waiting for the customer to choose between a refund and a voucher.",
    ];

    public static readonly string[] ReopenNotes =
    [
        "The room was still noisy on the second night.",
        "The refund has not arrived on the card.",
        "Customer says the replacement room had the same problem.",
    ];

    public static readonly string[] Apologies =
    [
        "I am so sorry about this; it is not the stay we want you to have.",
        "Please accept my apologies: we let you down and I understand why you are upset.",
        "I am sorry, that should not have happened, and thank you for telling us.",
        "I apologise for the trouble this caused you and your family.",
    ];

    public static readonly string[] CustomerFeels =
    [
        "Frustrated and tired after a long journey.",
        "Embarrassed in front of their guests.",
        "Let down: they chose us for a special occasion.",
        "Angry that nobody told them in advance.",
        "Worried it will happen again on their next stay.",
    ];

    public static readonly string[] FixesDone =
    [
        "Moved the guest to another room of the same type.",
        "Sent maintenance, who repaired it within the hour.",
        "Corrected the bill and sent a new invoice.",
        "Spoke to the team on duty and arranged it for the same evening.",
        "Found the item and returned it to the guest.",
    ];

    public static readonly string[] ApologyOnlyReasons =
    [
        "The guest asked for nothing more than an apology.",
        "A sincere apology was what the guest wanted.",
    ];

    /// <summary>Complaints per category, relative; unknown categories weigh 5.</summary>
    public static int CategoryWeight(string name) => name switch
    {
        "Room and facilities" => 18,
        "Cleanliness" => 12,
        "Noise" => 10,
        "Food and drink" => 12,
        "Staff attitude" => 8,
        "Waiting and delays" => 10,
        "Booking and reservations" => 10,
        "Billing and charges" => 12,
        "Lost property" => 3,
        _ => 5,
    };

    /// <summary>The app's starting list (ServiceRecovery.Web CaseCategory.Defaults), used only when the table is empty.</summary>
    public static readonly string[] DefaultCategories =
    [
        "Room and facilities", "Cleanliness", "Noise", "Food and drink", "Staff attitude",
        "Waiting and delays", "Booking and reservations", "Billing and charges", "Lost property", "Other",
    ];
}
